using System.Security.Claims;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using ReviewRoom.Data.Queries;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Media;

/// <summary>
/// Take media over plain HTTP, never through the Blazor circuit. Range requests are on: a browser
/// seeks by asking for byte ranges and expects 206 answers.
/// </summary>
public static class MediaEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapReviewRoomMedia(this WebApplication app)
    {
        var media = app.MapGroup("/media/takes/{takeId:guid}").RequireAuthorization();
        foreach (var (name, file) in Files)
            media.MapGet($"/{name}", (Guid takeId, ClaimsPrincipal user, ProjectQueries queries, ProjectAccess access, MediaStore store, CancellationToken ct) =>
                ServeAsync(takeId, queries, store, file,
                    async projectId => await access.GetRoleAsync(user, projectId, ct) is not null, ct));
    }

    public static string VideoUrl(Guid takeId) => $"/media/takes/{takeId}/video";

    public static string PosterUrl(Guid takeId) => $"/media/takes/{takeId}/poster";

    public static string FilmstripUrl(Guid takeId) => $"/media/takes/{takeId}/filmstrip";

    public static string WaveformUrl(Guid takeId) => $"/media/takes/{takeId}/waveform";

    public static string OriginalUrl(Guid takeId) => $"/media/takes/{takeId}/original";

    /// <summary>A take's file kinds: what the player plays, the upload as it came, and the pictures made from it.</summary>
    public sealed record TakeFile(Func<TakeMediaLocation, string?> Pick, bool Download = false);

    public static readonly IReadOnlyDictionary<string, TakeFile> Files = new Dictionary<string, TakeFile>
    {
        ["video"] = new(m => m.MediaPath),
        ["poster"] = new(m => m.PosterPath),
        ["filmstrip"] = new(m => m.FilmstripPath),
        ["waveform"] = new(m => m.WaveformPath),
        // The file exactly as it was uploaded, under its own name.
        ["original"] = new(m => m.OriginalPath ?? m.MediaPath, Download: true),
    };

    /// <summary>Serves one of a take's files to a caller <paramref name="canSee"/> admits; anyone else gets the 404 a missing take gets.</summary>
    public static async Task<IResult> ServeAsync(
        Guid takeId,
        ProjectQueries queries,
        MediaStore store,
        TakeFile file,
        Func<Guid, Task<bool>> canSee,
        CancellationToken cancellationToken)
    {
        var location = await queries.GetTakeMediaAsync(takeId, cancellationToken);
        if (location is null || !await canSee(location.ProjectId))
            return Results.NotFound();
        var download = file.Download;
        var path = file.Pick(location) is { } relative ? store.Resolve(relative) : null;
        if (path is null || !File.Exists(path))
            return Results.NotFound();
        var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        var info = new FileInfo(path);
        return Results.File(
            path,
            contentType,
            lastModified: info.LastWriteTimeUtc,
            entityTag: new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\""),
            enableRangeProcessing: true,
            fileDownloadName: download ? location.OriginalFileName ?? Path.GetFileName(path) : null);
    }
}
