using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Components;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>
/// Resumable uploads by the tus 1.0 protocol (core, creation, termination): create an upload, send its
/// bytes in one or many PATCH requests, ask how far it got after a dropped connection, go on from there.
/// Bytes stream straight to disk, so a 2 GB file costs the server one small buffer. The last byte hands
/// the file to ingest. Browsers and pipelines use the same endpoint.
/// </summary>
public static class TusEndpoints
{
    public const string Path = "/api/v1/uploads";
    public const string Version = "1.0.0";
    public const string JobHeader = "ReviewRoom-Ingest-Job";
    private const string OffsetContentType = "application/offset+octet-stream";
    private const int BufferSize = 81920;

    internal static void MapTusUploads(this RouteGroupBuilder api)
    {
        var uploads = api.MapGroup("/uploads").WithTags("Uploads");
        uploads.MapMethods("", ["OPTIONS"], Options).AllowAnonymous().ExcludeFromDescription();
        uploads.MapMethods("/{id}", ["OPTIONS"], Options).AllowAnonymous().ExcludeFromDescription();
        uploads.MapPost("", CreateAsync)
            .WithSummary("Start a resumable upload (tus 1.0 creation)")
            .WithDescription("Headers: Tus-Resumable: 1.0.0, Upload-Length: bytes, Upload-Metadata: comma-separated 'key base64(value)' pairs with "
                + "filename, projectId, shotId and optionally generation (the generation JSON). Answers 201 with the upload's Location.");
        uploads.MapMethods("/{id}", ["HEAD"], HeadAsync).WithSummary("How many bytes of an upload have arrived (Upload-Offset)");
        uploads.MapPatch("/{id}", PatchAsync)
            .WithSummary("Send bytes of an upload from Upload-Offset (Content-Type: application/offset+octet-stream)")
            .WithDescription($"When the last byte arrives the file is queued for ingest and the response carries the job id in the {JobHeader} header.");
        uploads.MapDelete("/{id}", DeleteAsync).WithSummary("Cancel an upload and remove its bytes (tus termination)");
    }

    private static IResult Options(HttpContext context, IOptions<IngestOptions> options)
    {
        var headers = context.Response.Headers;
        headers["Tus-Resumable"] = Version;
        headers["Tus-Version"] = Version;
        headers["Tus-Extension"] = "creation,termination";
        headers["Tus-Max-Size"] = options.Value.MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal caller, ApiAccess access, UploadStore store,
        IngestCommands ingest, IOptions<IngestOptions> options, Security.RateLimits limits, CancellationToken cancellationToken)
    {
        if (CheckVersion(context) is { } versionProblem)
            return versionProblem;
        var request = context.Request.Headers;
        if (!long.TryParse(request["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return Problem(StatusCodes.Status400BadRequest, "Upload-Length is missing", "Send the file's size in bytes in the Upload-Length header.");
        if (length == 0)
            return Problem(StatusCodes.Status400BadRequest, "The file is empty", "A take needs a video file with something in it.");
        if (length > options.Value.MaxUploadBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large",
                $"This file is {ByteSize.Format(length)}; this ReviewRoom accepts files up to {ByteSize.Format(options.Value.MaxUploadBytes)}.");

        var metadata = ParseMetadata(request["Upload-Metadata"].ToString(), out var metadataError);
        if (metadataError is not null)
            return Problem(StatusCodes.Status400BadRequest, "Upload-Metadata is malformed", metadataError);
        var errors = new Dictionary<string, string[]>();
        var fileName = metadata.GetValueOrDefault("filename") ?? metadata.GetValueOrDefault("name");
        if (string.IsNullOrWhiteSpace(fileName))
            errors["filename"] = ["Name the file (metadata key 'filename')."];
        if (!Guid.TryParse(metadata.GetValueOrDefault("projectId"), out var projectId))
            errors["projectId"] = ["Say which project the take is for (metadata key 'projectId', a project id)."];
        if (!Guid.TryParse(metadata.GetValueOrDefault("shotId"), out var shotId))
            errors["shotId"] = ["Say which shot the take is for (metadata key 'shotId', a shot id)."];
        var generationJson = metadata.GetValueOrDefault("generation");
        var generation = GenerationInput.TryParse(generationJson, out var generationErrors);
        foreach (var (field, messages) in generationErrors)
            errors[$"generation.{field}"] = messages;
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The upload's metadata needs fixing");

        var uploader = caller.ToActor();
        try
        {
            await ingest.RequireUploaderAsync(uploader, projectId, cancellationToken);
        }
        catch (DomainException ex)
        {
            return Refused(ex);
        }
        if (await limits.TryUploadAsync(ProjectAccess.BudgetKey(uploader, projectId)) is { } wait)
            return Problem(StatusCodes.Status429TooManyRequests, "Too many uploads",
                limits.UploadRefusal(wait),
                ("Retry-After", Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        try
        {
            await ingest.ValidateTargetAsync(projectId, shotId, generation!, cancellationToken);
        }
        catch (DomainException ex)
        {
            return Refused(ex);
        }

        var info = await store.CreateAsync(new UploadInfo(UploadStore.NewId(), length, projectId, shotId, IngestCommands.CleanFileName(fileName!),
            generationJson, uploader.UserId, (uploader as Actor.Pipeline)?.TokenName, DateTime.UtcNow, metadata), cancellationToken);
        context.Response.Headers["Tus-Resumable"] = Version;
        return Results.Created($"{Path}/{info.Id}", null);
    }

    private static async Task<IResult> HeadAsync(string id, HttpContext context, ClaimsPrincipal caller, ApiAccess access, UploadStore store,
        IngestCommands ingest, CancellationToken cancellationToken)
    {
        var uploader = caller.ToActor();
        if (await FindOwnAsync(id, uploader, access, store, cancellationToken) is not { } info)
            return Results.NotFound();
        using (var held = await store.TryLockAsync(id, TimeSpan.FromSeconds(1), cancellationToken))
        {
            if (held is not null && await store.FindAsync(id, cancellationToken) is { } current)
                info = await SettleAsync(current, uploader, store, ingest);
        }
        var headers = context.Response.Headers;
        headers["Tus-Resumable"] = Version;
        headers["Upload-Offset"] = store.OffsetOf(info).ToString(CultureInfo.InvariantCulture);
        headers["Upload-Length"] = info.Length.ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store";
        if (info.JobId is { } jobId)
            headers[JobHeader] = jobId.ToString();
        return Results.Ok();
    }

    private static async Task<IResult> PatchAsync(string id, HttpContext context, ClaimsPrincipal caller, ApiAccess access, UploadStore store,
        IngestCommands ingest, ILoggerFactory loggers)
    {
        var uploader = caller.ToActor();
        if (CheckVersion(context) is { } versionProblem)
            return versionProblem;
        if (!string.Equals(context.Request.ContentType, OffsetContentType, StringComparison.OrdinalIgnoreCase))
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Wrong Content-Type", $"Send the bytes as {OffsetContentType}.");
        // Not the request's abort token: when a connection drops, the bytes Kestrel already holds must
        // still be read and kept, and they are only handed over to a read that is not cancelled.
        var requestAborted = CancellationToken.None;
        if (await FindOwnAsync(id, uploader, access, store, requestAborted) is not { } info)
            return Results.NotFound();
        if (!long.TryParse(context.Request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var claimedOffset))
            return Problem(StatusCodes.Status400BadRequest, "Upload-Offset is missing", "Say where these bytes start with the Upload-Offset header.");

        using var held = await store.TryLockAsync(id, TimeSpan.FromSeconds(10), requestAborted);
        if (held is null)
            return Problem(StatusCodes.Status423Locked, "The upload is busy", "Another request is still sending bytes to this upload. Ask for its offset (HEAD) and try again.");
        // Read again under the lock: a request that waited here must see what the one before it did.
        if (await store.FindAsync(id, requestAborted) is not { } current)
            return Results.NotFound();
        info = await SettleAsync(current, uploader, store, ingest);
        var offset = store.OffsetOf(info);
        if (info.JobId is not null || claimedOffset != offset)
            return Problem(StatusCodes.Status409Conflict, info.JobId is not null ? "Already complete" : "Wrong offset",
                info.JobId is not null ? "Every byte of this upload has arrived and it is being made into a take." : $"This upload has {offset} bytes; send from there.",
                ("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture)));
        if (context.Request.ContentLength is { } announced && announced > info.Length - offset)
            return Problem(StatusCodes.Status400BadRequest, "More bytes than announced",
                $"The upload was announced as {info.Length} bytes and has {offset}; this request brings {announced}. Nothing from it was kept.",
                ("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture)));

        // The upload's own length is the limit; Kestrel's default cap would cut large files at 30 MB.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = null;
        var remaining = info.Length - offset;
        var tooMuch = false;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // Unbuffered: each chunk is on disk once written, so a dropped connection loses as little as possible.
            await using var file = new FileStream(store.DataPath(id), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(0, BufferSize), requestAborted)) > 0)
                {
                    if (read > remaining)
                    {
                        tooMuch = true;
                        read = (int)remaining;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                    remaining -= read;
                    if (tooMuch)
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // The connection dropped: every byte that arrived is kept, and HEAD tells the client where to go on.
            }
            await file.FlushAsync(CancellationToken.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (tooMuch)
        {
            // A body longer than announced (sent without Content-Length) keeps none of its bytes, so the upload goes on from where it was.
            await using (var file = new FileStream(store.DataPath(id), FileMode.Open, FileAccess.Write))
                file.SetLength(offset);
            context.Response.Headers["Tus-Resumable"] = Version;
            return Problem(StatusCodes.Status400BadRequest, "More bytes than announced",
                $"The upload was announced as {info.Length} bytes; this request brought more. Nothing from it was kept.",
                ("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture)));
        }
        context.Response.Headers["Tus-Resumable"] = Version;
        context.Response.Headers["Upload-Offset"] = store.OffsetOf(info).ToString(CultureInfo.InvariantCulture);
        if (remaining > 0)
            return Results.NoContent();

        try
        {
            var jobId = await HandOverAsync(info, uploader, store, ingest);
            context.Response.Headers[JobHeader] = jobId.ToString();
            return Results.NoContent();
        }
        catch (DomainException ex)
        {
            loggers.CreateLogger(typeof(TusEndpoints)).LogInformation("Upload {Id} arrived but could not be queued: {Reason}", id, ex.Message);
            store.Delete(id);
            return Refused(ex);
        }
    }

    /// <summary>
    /// Gives a complete upload to ingest. The job's id is the upload's, so a hand-over cut short by a crash
    /// is finished, not repeated: one upload is one job whatever happened in between.
    /// </summary>
    private static async Task<Guid> HandOverAsync(UploadInfo info, Actor uploader, UploadStore store, IngestCommands ingest)
    {
        var generation = GenerationInput.TryParse(info.GenerationJson, out _) ?? Core.Projects.GenerationInfo.Unknown;
        var job = await ingest.QueueAsync(uploader, info.ProjectId, info.ShotId, store.DataPath(info.Id), info.FileName,
            generation, JobIdOf(info), CancellationToken.None);
        await store.MarkHandedOverAsync(info, job.Id, CancellationToken.None);
        return job.Id;
    }

    /// <summary>Brings an upload's record up to date with what happened to it before a crash: a job written, or a file already moved.</summary>
    private static async Task<UploadInfo> SettleAsync(UploadInfo info, Actor uploader, UploadStore store, IngestCommands ingest)
    {
        if (info.JobId is not null)
            return info;
        var jobId = JobIdOf(info);
        if (await ingest.FindJobAsync(jobId) is not null)
        {
            await store.MarkHandedOverAsync(info, jobId, CancellationToken.None);
            return info with { JobId = jobId };
        }
        if (!File.Exists(store.DataPath(info.Id)) && ingest.HasOriginal(jobId))
            return info with { JobId = await HandOverAsync(info, uploader, store, ingest) };
        return info;
    }

    private static Guid JobIdOf(UploadInfo info) => Guid.ParseExact(info.Id, "N");

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ClaimsPrincipal caller, ApiAccess access, UploadStore store, CancellationToken cancellationToken)
    {
        var uploader = caller.ToActor();
        if (await FindOwnAsync(id, uploader, access, store, cancellationToken) is not { } info)
            return Results.NotFound();
        if (info.JobId is not null)
            return Problem(StatusCodes.Status409Conflict, "Already complete", "This upload has finished and is being made into a take; it can no longer be cancelled.");
        using var held = await store.TryLockAsync(id, TimeSpan.FromSeconds(10), cancellationToken);
        store.Delete(id);
        context.Response.Headers["Tus-Resumable"] = Version;
        return Results.NoContent();
    }

    /// <summary>An upload belongs to whoever started it: the same person or the same token, never just anyone in the project.</summary>
    private static async Task<UploadInfo?> FindOwnAsync(string id, Actor uploader, ApiAccess access, UploadStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } info)
            return null;
        if (await access.GetAsync(uploader, info.ProjectId, cancellationToken) is not { CanIngest: true })
            return null;
        return uploader.UserId == info.UserId && (uploader as Actor.Pipeline)?.TokenName == info.TokenName ? info : null;
    }

    private static IResult? CheckVersion(HttpContext context) =>
        context.Request.Headers["Tus-Resumable"] == Version
            ? null
            : Problem(StatusCodes.Status412PreconditionFailed, "Unsupported tus version", $"Send the header Tus-Resumable: {Version}.", ("Tus-Version", Version));

    /// <summary>"key base64value,key2 base64value2" as the tus creation extension defines it.</summary>
    public static Dictionary<string, string> ParseMetadata(string header, out string? error)
    {
        error = null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', 2, StringSplitOptions.TrimEntries);
            try
            {
                result[parts[0]] = parts.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])) : "";
            }
            catch (FormatException)
            {
                error = $"The value of '{parts[0]}' is not base64.";
            }
        }
        return result;
    }

    /// <summary>A command's refusal in the status the rest of the API gives it (404, 403, 429 or 422), with the tus headers.</summary>
    private static IResult Refused(DomainException refusal)
    {
        var (status, title) = Api.ApiEndpoints.StatusOf(refusal, "The take cannot go on that shot");
        return Problem(status, title, refusal.Message);
    }

    private static IResult Problem(int status, string title, string detail, params (string Name, string Value)[] headers) =>
        new TusProblem(Results.Problem(detail, statusCode: status, title: title), headers);

    /// <summary>tus clients read Tus-Resumable (and sometimes Upload-Offset) on errors too.</summary>
    private sealed class TusProblem(IResult inner, (string Name, string Value)[] headers) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Tus-Resumable"] = Version;
            foreach (var (name, value) in headers)
                httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
