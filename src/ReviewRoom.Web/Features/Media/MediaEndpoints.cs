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
        media.MapGet("/video", (Guid takeId, ClaimsPrincipal user, ProjectQueries queries, ProjectAccess access, MediaStore store, CancellationToken ct) =>
            ServeAsync(takeId, user, queries, access, store, m => m.MediaPath, ct));
        media.MapGet("/poster", (Guid takeId, ClaimsPrincipal user, ProjectQueries queries, ProjectAccess access, MediaStore store, CancellationToken ct) =>
            ServeAsync(takeId, user, queries, access, store, m => m.PosterPath, ct));
        media.MapGet("/filmstrip", (Guid takeId, ClaimsPrincipal user, ProjectQueries queries, ProjectAccess access, MediaStore store, CancellationToken ct) =>
            ServeAsync(takeId, user, queries, access, store, m => m.FilmstripPath, ct));
        media.MapGet("/waveform", (Guid takeId, ClaimsPrincipal user, ProjectQueries queries, ProjectAccess access, MediaStore store, CancellationToken ct) =>
            ServeAsync(takeId, user, queries, access, store, m => m.WaveformPath, ct));
        // The file exactly as it was uploaded, under its own name.
        media.MapGet("/original", (Guid takeId, ClaimsPrincipal user, ProjectQueries queries, ProjectAccess access, MediaStore store, CancellationToken ct) =>
            ServeAsync(takeId, user, queries, access, store, m => m.OriginalPath ?? m.MediaPath, ct, download: true));
    }

    public static string VideoUrl(Guid takeId) => $"/media/takes/{takeId}/video";

    public static string PosterUrl(Guid takeId) => $"/media/takes/{takeId}/poster";

    public static string FilmstripUrl(Guid takeId) => $"/media/takes/{takeId}/filmstrip";

    public static string WaveformUrl(Guid takeId) => $"/media/takes/{takeId}/waveform";

    public static string OriginalUrl(Guid takeId) => $"/media/takes/{takeId}/original";

    private static async Task<IResult> ServeAsync(
        Guid takeId,
        ClaimsPrincipal user,
        ProjectQueries queries,
        ProjectAccess access,
        MediaStore store,
        Func<TakeMediaLocation, string?> pick,
        CancellationToken cancellationToken,
        bool download = false)
    {
        var location = await queries.GetTakeMediaAsync(takeId, cancellationToken);
        // A non-member learns nothing: the same 404 as for a take that does not exist.
        if (location is null || await access.GetRoleAsync(user, location.ProjectId, cancellationToken) is null)
            return Results.NotFound();
        var path = pick(location) is { } relative ? store.Resolve(relative) : null;
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
