using System.Security.Claims;
using Microsoft.Net.Http.Headers;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Media;

/// <summary>
/// Take media over plain HTTP, never through the Blazor circuit. Range requests are on: a browser
/// seeks by asking for byte ranges and expects 206 answers.
/// </summary>
public static class MediaEndpoints
{
    internal static void Map(IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/media/takes/{takeId:guid}").RequireAuthorization(Account.AccountSetup.MembersAndGuestsPolicy);
        foreach (var (name, file) in Files)
            media.MapGet($"/{name}", (Guid takeId, ClaimsPrincipal caller, ProjectQueries queries, ProjectAccess access, IMediaStore store, CancellationToken ct) =>
            {
                var viewer = caller.ToActor();
                return ServeAsync(takeId, queries, store, file,
                    // Guests watch; the original file stays with the team.
                    async _ => !(file.Download && viewer is Actor.Guest) && await access.GetRoleForTakeAsync(viewer, takeId, ct) is not null, ct);
            });
        FrameExports.Map(media);
    }

    public static string VideoUrl(Guid takeId) => $"/media/takes/{takeId}/video";

    public static string PosterUrl(Guid takeId) => $"/media/takes/{takeId}/poster";

    public static string FilmstripUrl(Guid takeId) => $"/media/takes/{takeId}/filmstrip";

    public static string WaveformUrl(Guid takeId) => $"/media/takes/{takeId}/waveform";

    public static string OriginalUrl(Guid takeId) => $"/media/takes/{takeId}/original";

    /// <summary>
    /// A take's file kinds: what the player plays, the upload as it came, and the pictures made from it.
    /// Each kind's media type is fixed by what ReviewRoom made or what ffprobe found, never by a file name.
    /// </summary>
    public sealed record TakeFile(Func<TakeMediaLocation, string?> Pick, Func<TakeMediaLocation, string> MediaType, bool Download = false);

    public static readonly IReadOnlyDictionary<string, TakeFile> Files = new Dictionary<string, TakeFile>
    {
        // The player only ever gets MP4: an original is played as it is only when ffprobe found H.264 in MP4.
        ["video"] = new(m => m.MediaPath, _ => MediaTypes.Mp4),
        ["poster"] = new(m => m.PosterPath, _ => MediaTypes.Jpeg),
        ["filmstrip"] = new(m => m.FilmstripPath, _ => MediaTypes.Jpeg),
        ["waveform"] = new(m => m.WaveformPath, _ => MediaTypes.Png),
        // The file exactly as it was uploaded, always as a download.
        ["original"] = new(m => m.OriginalPath ?? m.MediaPath,
            m => m.OriginalPath is null ? MediaTypes.Mp4 : MediaTypes.ForContainer(m.OriginalContainer), Download: true),
    };

    /// <summary>Serves one of a take's files to a caller <paramref name="canSee"/> admits; anyone else gets the 404 a missing take gets.</summary>
    public static async Task<IResult> ServeAsync(
        Guid takeId,
        ProjectQueries queries,
        IMediaStore store,
        TakeFile file,
        Func<Guid, Task<bool>> canSee,
        CancellationToken cancellationToken)
    {
        var location = await queries.GetTakeMediaAsync(takeId, cancellationToken);
        if (location is null || !await canSee(location.ProjectId))
            return Results.NotFound();
        var path = file.Pick(location) is { } relative ? store.Resolve(relative) : null;
        if (path is null || !File.Exists(path))
            return Results.NotFound();
        var contentType = file.MediaType(location);
        var info = new FileInfo(path);
        return Results.File(
            path,
            contentType,
            lastModified: new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
            entityTag: new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\""),
            enableRangeProcessing: true,
            fileDownloadName: file.Download ? MediaTypes.DownloadName(location.OriginalFileName ?? "take", contentType) : null);
    }
}
