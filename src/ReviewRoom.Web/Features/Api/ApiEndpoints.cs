using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core;
using ReviewRoom.Core.Notes;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Ingest;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Api;

/// <summary>
/// The pipeline API: list and read the review, create shots, upload takes. Every endpoint decides access
/// from the caller (a person's project role, or a token's project and scope) through <see cref="ApiAccess"/>.
/// Errors are RFC 7807 problem details; a project the caller cannot see is a 404, never a 403.
/// </summary>
public static class ApiEndpoints
{
    public static void MapPipelineApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        projects.MapGet("", ListProjectsAsync).WithSummary("Projects the caller can see (a token sees its own project)");
        projects.MapGet("/{projectId:guid}/shots", ListShotsAsync).WithSummary("Shots in cut order, with status and circled take");
        projects.MapPost("/{projectId:guid}/shots", CreateShotAsync).WithSummary("Create a shot (scope: read + ingest)");
        projects.MapGet("/{projectId:guid}/shots/{shotId:guid}/takes", ListTakesAsync).WithTags("Takes").WithSummary("A shot's takes with generation metadata and status");
        projects.MapPost("/{projectId:guid}/shots/{shotId:guid}/takes", UploadTakeAsync).WithTags("Takes")
            .WithSummary("Upload a take (multipart: 'file' plus optional 'generation' JSON); answers 202 with the ingest job")
            .WithDescription("For files larger than a few hundred MB use the resumable upload (tus) at /api/v1/uploads.")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        projects.MapGet("/{projectId:guid}/shots/{shotId:guid}/circled", GetCircledAsync).WithTags("Decisions").WithSummary("The take circled for the cut, if any");
        projects.MapGet("/{projectId:guid}/jobs/{jobId:guid}", GetJobAsync).WithTags("Takes").WithSummary("How an uploaded file's processing is going");

        var takes = api.MapGroup("/takes/{takeId:guid}").WithTags("Takes");
        takes.MapGet("", GetTakeAsync).WithSummary("One take");
        takes.MapGet("/notes", GetNotesAsync).WithTags("Notes").WithSummary("A take's notes (Markdown), oldest first; replies name their parent");
        takes.MapGet("/decisions", GetDecisionsAsync).WithTags("Decisions").WithSummary("A take's status and each reviewer's current decision");
        takes.MapGet("/files/{kind}", GetFileAsync)
            .WithSummary("Download a take's file: original (as uploaded), video (what the player plays), poster, filmstrip or waveform")
            .WithDescription("Range requests are supported. A kind the take does not have (a silent take has no waveform) is a 404.");
    }

    private static async Task<Ok<IReadOnlyList<ApiProject>>> ListProjectsAsync(ClaimsPrincipal caller, ProjectQueries queries, CancellationToken ct)
    {
        IReadOnlyList<ProjectSummary> projects;
        var actor = caller.ToActor();
        if (actor is Actor.Pipeline token)
            projects = (await queries.ListProjectsAsync(Guid.Empty, includeAll: true, ct)).Where(p => p.Id == token.ProjectId).ToList();
        else
            projects = await queries.ListProjectsAsync(actor.UserId ?? Guid.Empty, includeAll: actor.IsAdministrator, ct);
        return TypedResults.Ok<IReadOnlyList<ApiProject>>(projects.Select(p => new ApiProject(p.Id, p.Name, p.Description, p.ShotCount, p.TakeCount)).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiShot>>, ProblemHttpResult>> ListShotsAsync(
        Guid projectId, ClaimsPrincipal caller, ApiAccess access, ProjectQueries queries, DecisionQueries decisions, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null || await queries.GetBoardAsync(projectId, ct) is not { } board)
            return NoProject();
        var review = await decisions.GetProjectStateAsync(projectId, ct);
        return TypedResults.Ok<IReadOnlyList<ApiShot>>(board.Shots.Select(s => ToApi(s, review)).ToList());
    }

    private static async Task<Results<Created<ApiShot>, ProblemHttpResult, ValidationProblem>> CreateShotAsync(
        Guid projectId, ApiNewShot shot, ClaimsPrincipal caller, BoardCommands commands, ProjectQueries queries, DecisionQueries decisions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(shot.Code))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["Give the shot a code, such as SH050."] });
        Guid shotId;
        try
        {
            shotId = await commands.AddShotAsync(caller.ToActor(), projectId, shot.Code, shot.SceneLabel ?? "", shot.Description ?? "", ct);
        }
        catch (DomainException ex) when (ex.Problem != DomainProblem.BrokenRule)
        {
            return Refused(ex, "The shot cannot be created");
        }
        catch (DomainException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [ex.Message] });
        }
        var board = await queries.GetBoardAsync(projectId, ct);
        var created = ToApi(board!.Shots.Single(s => s.Id == shotId), await decisions.GetProjectStateAsync(projectId, ct));
        return TypedResults.Created($"/api/v1/projects/{projectId}/shots/{shotId}/takes", created);
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiTake>>, ProblemHttpResult>> ListTakesAsync(
        Guid projectId, Guid shotId, ClaimsPrincipal caller, ApiAccess access, ProjectQueries queries, DecisionQueries decisions, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null || await queries.GetBoardAsync(projectId, ct) is not { } board)
            return NoProject();
        if (board.Shots.FirstOrDefault(s => s.Id == shotId) is not { } shot)
            return TypedResults.Problem("That shot does not exist in this project.", statusCode: StatusCodes.Status404NotFound, title: "No such shot");
        var review = await decisions.GetProjectStateAsync(projectId, ct);
        var generations = await queries.GetGenerationsOfShotAsync(shotId, ct);
        return TypedResults.Ok<IReadOnlyList<ApiTake>>(shot.Takes.Select(t => ToApi(t, generations[t.Id], review)).ToList());
    }

    private static async Task<Results<Ok<ApiTake>, ProblemHttpResult>> GetTakeAsync(
        Guid takeId, ClaimsPrincipal caller, ApiAccess access, ProjectQueries queries, DecisionQueries decisions, CancellationToken ct)
    {
        if (await queries.GetProjectIdOfTakeAsync(takeId, ct) is not { } projectId || await access.GetAsync(caller.ToActor(), projectId, ct) is null)
            return NoTake();
        var detail = (await queries.GetTakeAsync(takeId, ct))!;
        return TypedResults.Ok(ToApi(detail.Take, detail.Generation, await decisions.GetProjectStateAsync(projectId, ct)));
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiNote>>, ProblemHttpResult>> GetNotesAsync(
        Guid takeId, ClaimsPrincipal caller, ApiAccess access, ProjectQueries queries, NoteQueries notes, CancellationToken ct)
    {
        if (await queries.GetProjectIdOfTakeAsync(takeId, ct) is not { } projectId || await access.GetAsync(caller.ToActor(), projectId, ct) is null
            || await queries.GetTakeAsync(takeId, ct) is not { } take)
            return NoTake();
        var members = await notes.GetMembersAsync(projectId, ct);
        var list = await notes.GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false, ct);
        return TypedResults.Ok<IReadOnlyList<ApiNote>>(list.Where(n => !n.Deleted).Select(n => new ApiNote(
            n.Id, n.ParentNoteId, n.FrameIn, n.FrameOut, Core.Time.Timecode.FromFrame(n.FrameIn, take.Take.FrameRate).ToString(), n.AuthorName,
            Core.Projects.ProjectRolePolicy.DisplayName(n.AuthorRole),
            Mentions.Decode(n.Body, id => members.FirstOrDefault(m => m.UserId == id)?.DisplayName), n.ResolvedAt is not null, n.CreatedAt)).ToList());
    }

    private static async Task<Results<Ok<ApiTakeReview>, ProblemHttpResult>> GetDecisionsAsync(
        Guid takeId, ClaimsPrincipal caller, ApiAccess access, ProjectQueries queries, DecisionQueries decisions, CancellationToken ct)
    {
        if (await queries.GetProjectIdOfTakeAsync(takeId, ct) is not { } projectId || await access.GetAsync(caller.ToActor(), projectId, ct) is null)
            return NoTake();
        var state = (await decisions.GetProjectStateAsync(projectId, ct)).Take(takeId);
        return TypedResults.Ok(new ApiTakeReview(takeId, ApiMapping.StatusName(state?.Status ?? Core.Decisions.TakeStatus.NotReviewed),
            state?.Current.Select(d => new ApiDecision(d.UserName, Core.Projects.ProjectRolePolicy.DisplayName(d.Role), d.Kind.ToString(), d.Comment, d.DecidedAt)).ToList() ?? []));
    }

    private static async Task<Results<Ok<ApiCircled>, ProblemHttpResult>> GetCircledAsync(
        Guid projectId, Guid shotId, ClaimsPrincipal caller, ApiAccess access, DecisionQueries decisions, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null)
            return NoProject();
        var state = await decisions.GetProjectStateAsync(projectId, ct);
        if (state.Shot(shotId) is null)
            return TypedResults.Problem("That shot does not exist in this project.", statusCode: StatusCodes.Status404NotFound, title: "No such shot");
        var latest = (await decisions.GetSelectionHistoryAsync(shotId, ct)).OrderByDescending(s => s.SelectedAt).FirstOrDefault();
        return TypedResults.Ok(latest is null || latest.TakeId is null
            ? new ApiCircled(shotId, null, null, null, null, null, false)
            : new ApiCircled(shotId, latest.TakeId, latest.TakeVersion, latest.Reason, latest.UserName, latest.SelectedAt, state.Shot(shotId)!.CircledWasApproved));
    }

    private static async Task<IResult> GetFileAsync(Guid takeId, string kind, ClaimsPrincipal caller, ApiAccess access, ProjectQueries queries,
        ReviewRoom.Media.IMediaStore store, CancellationToken ct)
    {
        if (!Media.MediaEndpoints.Files.TryGetValue(kind, out var file))
            return TypedResults.Problem($"'{kind}' is not a kind of file. Ask for one of: {string.Join(", ", Media.MediaEndpoints.Files.Keys)}.",
                statusCode: StatusCodes.Status404NotFound, title: "No such file kind");
        return await Media.MediaEndpoints.ServeAsync(takeId, queries, store, file, async projectId => await access.GetAsync(caller.ToActor(), projectId, ct) is not null, ct);
    }

    private static async Task<Results<Ok<ApiJob>, ProblemHttpResult>> GetJobAsync(
        Guid projectId, Guid jobId, ClaimsPrincipal caller, ApiAccess access, IDbContextFactory<ReviewRoomDbContext> contexts, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null)
            return NoProject();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await db.IngestJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.ProjectId == projectId, ct);
        return job is null
            ? TypedResults.Problem("That job does not exist (a dismissed failure is removed).", statusCode: StatusCodes.Status404NotFound, title: "No such job")
            : TypedResults.Ok(ApiJob.From(job));
    }

    /// <summary>Streams the multipart body's file part to disk as it arrives; the form is never held in memory.</summary>
    private static async Task<Results<Accepted<ApiJob>, ProblemHttpResult, ValidationProblem>> UploadTakeAsync(
        Guid projectId, Guid shotId, HttpContext context, ClaimsPrincipal caller, ApiAccess access, IngestCommands ingest, UploadStore uploads,
        IOptions<IngestOptions> options, Security.RateLimits limits)
    {
        var ct = context.RequestAborted;
        var uploader = caller.ToActor();
        try
        {
            await ingest.RequireUploaderAsync(uploader, projectId, ct);
        }
        catch (DomainException ex)
        {
            return Refused(ex, "The take cannot go on that shot");
        }
        if (await limits.TryUploadAsync(ProjectAccess.BudgetKey(uploader, projectId)) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(limits.UploadRefusal(wait),
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many uploads");
        }
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return TypedResults.Problem("Send multipart/form-data with a 'file' part and, optionally, a 'generation' part holding JSON.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Expected a multipart form");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = options.Value.MaxUploadBytes + 1024 * 1024;

        var reader = new MultipartReader(boundary, context.Request.Body);
        string? generationJson = null, fileName = null, saved = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "generation" && generationJson is null)
                {
                    generationJson = await ReadLimitedTextAsync(section.Body, GenerationInput.MaxJsonLength, ct);
                    if (generationJson is null)
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                        {
                            ["generation"] = [$"The generation JSON is larger than this server accepts ({GenerationInput.MaxJsonLength / 1024} KB)."],
                        }, title: "The upload needs fixing");
                }
                else if (name == "file" && saved is null)
                {
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload";
                    saved = uploads.DataPath(UploadStore.NewId());
                    await using var file = File.Create(saved);
                    await section.Body.CopyToAsync(file, ct);
                }
            }

            var errors = new Dictionary<string, string[]>();
            if (saved is null || new FileInfo(saved).Length == 0)
                errors["file"] = [saved is null ? "Add the video as a part named 'file'." : "The file is empty."];
            var generation = GenerationInput.TryParse(generationJson, out var generationErrors);
            foreach (var (field, messages) in generationErrors)
                errors[$"generation.{field}"] = messages;
            if (errors.Count > 0)
                return TypedResults.ValidationProblem(errors, title: "The upload needs fixing");
            var job = await ingest.QueueAsync(uploader, projectId, shotId, saved!, fileName!, generation!, cancellationToken: ct);
            saved = null;
            return TypedResults.Accepted($"/api/v1/projects/{projectId}/jobs/{job.Id}", ApiJob.From(job));
        }
        catch (DomainException ex)
        {
            return Refused(ex, "The take cannot go on that shot");
        }
        finally
        {
            if (saved is not null)
                File.Delete(saved);
        }
    }

    /// <summary>Reads at most <paramref name="maxChars"/> characters; null when the text is longer (the rest is never read).</summary>
    private static async Task<string?> ReadLimitedTextAsync(Stream body, int maxChars, CancellationToken ct)
    {
        using var text = new StreamReader(body);
        var buffer = new char[maxChars + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await text.ReadAsync(buffer.AsMemory(read), ct)) > 0)
            read += chunk;
        return read > maxChars ? null : new string(buffer, 0, read);
    }

    private static ApiShot ToApi(ShotCardModel shot, ProjectReviewState review)
    {
        var state = review.Shot(shot.Id);
        return new ApiShot(shot.Id, shot.Order, shot.Code, shot.SceneLabel, shot.Description, shot.Takes.Count,
            ApiMapping.StatusName(state?.Status ?? Core.Decisions.TakeStatus.NotReviewed), state?.CircledTakeId, shot.CreditsSpent);
    }

    private static ApiTake ToApi(TakeCardModel take, Core.Projects.GenerationInfo generation, ProjectReviewState review) =>
        new(take.Id, take.ShotId, take.Version, take.VersionLabel, take.FrameRate.ToString(), take.DurationFrames,
            Core.Time.Timecode.FromFrame(take.DurationFrames, take.FrameRate).ToString(), take.Width, take.Height,
            ApiMapping.StatusName(review.Take(take.Id)?.Status ?? Core.Decisions.TakeStatus.NotReviewed), review.Shot(take.ShotId)?.CircledTakeId == take.Id,
            ApiGeneration.From(generation), take.CreatedAt);

    /// <summary>
    /// A command's refusal as a problem: 404 when the thing is missing (or hidden from the caller), 403 when the
    /// caller may not, 429 when too often, otherwise 422 with <paramref name="ruleTitle"/>. The message is the command's own.
    /// </summary>
    public static ProblemHttpResult Refused(DomainException refusal, string ruleTitle)
    {
        var (status, title) = StatusOf(refusal, ruleTitle);
        return TypedResults.Problem(refusal.Message, statusCode: status, title: title);
    }

    /// <summary>The HTTP status and title of a command's refusal, for every endpoint that reports one.</summary>
    public static (int Status, string Title) StatusOf(DomainException refusal, string ruleTitle) => refusal switch
    {
        RateLimitedException => (StatusCodes.Status429TooManyRequests, "Too many requests"),
        { Problem: DomainProblem.NotFound } => (StatusCodes.Status404NotFound, "Not found"),
        { Problem: DomainProblem.Forbidden } => (StatusCodes.Status403Forbidden, "Not allowed"),
        _ => (StatusCodes.Status422UnprocessableEntity, ruleTitle),
    };

    internal static ProblemHttpResult NoProject() =>
        TypedResults.Problem("That project does not exist, or this account or token has no access to it.", statusCode: StatusCodes.Status404NotFound, title: "No such project");

    private static ProblemHttpResult NoTake() =>
        TypedResults.Problem("That take does not exist, or this account or token has no access to it.", statusCode: StatusCodes.Status404NotFound, title: "No such take");

}
