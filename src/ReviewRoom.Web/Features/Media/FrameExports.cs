using System.Security.Claims;
using ReviewRoom.Core.Notes;
using ReviewRoom.Data.Queries;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Media;

/// <summary>
/// One exact frame of a take as a PNG, with a note's drawing laid over it: to download, and small as the note's
/// thumbnail. Made by ffmpeg on the server, kept once made (a drawing never changes), and made a few at a time so a
/// flood of requests cannot take the machine.
/// </summary>
public sealed class FrameExports(ProjectQueries projects, NoteQueries notes, ProjectAccess access, IMediaStore store, FfmpegTools ffmpeg, ILogger<FrameExports> logger)
    : IDisposable
{
    public const int ThumbnailWidth = 320;
    private readonly SemaphoreSlim _running = new(2, 2);

    public void Dispose() => _running.Dispose();

    public static string Url(Guid takeId, long frame, Guid? noteId = null, bool thumbnail = false)
    {
        var query = new List<string>();
        if (noteId is { } id)
            query.Add($"note={id}");
        if (thumbnail)
            query.Add($"width={ThumbnailWidth}");
        return $"/media/takes/{takeId}/frames/{frame}.png{(query.Count > 0 ? "?" + string.Join('&', query) : "")}";
    }

    internal static void Map(RouteGroupBuilder media) =>
        media.MapGet("/frames/{frame:long}.png", (Guid takeId, long frame, Guid? note, int? width, ClaimsPrincipal caller, FrameExports exports, CancellationToken ct) =>
            exports.ServeAsync(caller.ToActor(), takeId, frame, note, width, ct));

    private async Task<IResult> ServeAsync(Core.Projects.Actor viewer, Guid takeId, long frame, Guid? noteId, int? width, CancellationToken cancellationToken)
    {
        if (await access.GetRoleForTakeAsync(viewer, takeId, cancellationToken) is null
            || await projects.GetTakeAsync(takeId, cancellationToken) is not { } take
            || await projects.GetTakeMediaAsync(takeId, cancellationToken) is not { } location
            || store.Resolve(location.MediaPath) is not { } video)
            return Results.NotFound();
        if (frame < 0 || frame >= take.Take.DurationFrames)
            return Results.Problem($"This take's frames are 0 to {take.Take.DurationFrames - 1}.", statusCode: StatusCodes.Status404NotFound, title: "No such frame");
        if (width is not (null or ThumbnailWidth))
            return Results.Problem($"Ask for the full picture, or width={ThumbnailWidth} for a thumbnail.", statusCode: StatusCodes.Status400BadRequest, title: "Unsupported width");
        Drawing? drawing = null;
        if (noteId is { } id)
        {
            // A deleted note's drawing is hidden like its text; a note elsewhere is as good as none.
            var found = (await notes.GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false, cancellationToken)).FirstOrDefault(n => n.Id == id);
            if (found?.Drawing is null || frame < found.FrameIn || frame > found.FrameOut)
                return Results.Problem("That note has no drawing on this frame.", statusCode: StatusCodes.Status404NotFound, title: "No such drawing");
            drawing = found.Drawing;
        }

        var cached = CachePath(takeId, frame, noteId, width, "png");
        if (!File.Exists(cached) && await MakeAsync(video, take.Take.FrameRate, take.Take.Width, take.Take.Height, frame, drawing, cached, width, cancellationToken) is { } failure)
            return failure;
        var name = $"{take.Shot.Code}_{take.Take.VersionLabel}_f{frame}.png";
        return Results.File(cached, "image/png", fileDownloadName: width is null ? name : null);
    }

    /// <summary>
    /// A note's frame as a small JPEG with its drawing, for a report the caller has already been allowed to make: made once
    /// and kept, like the thumbnails the notes show. Null when the picture cannot be made (the report says so instead).
    /// </summary>
    public async Task<string?> ReportThumbnailAsync(Guid takeId, Core.Time.FrameRate rate, int pictureWidth, int pictureHeight, long frame, Guid noteId,
        Drawing? drawing, CancellationToken cancellationToken)
    {
        if (await projects.GetTakeMediaAsync(takeId, cancellationToken) is not { } location || store.Resolve(location.MediaPath) is not { } video)
            return null;
        var cached = CachePath(takeId, frame, drawing is null ? null : noteId, ThumbnailWidth, "jpg");
        if (!File.Exists(cached) && await MakeAsync(video, rate, pictureWidth, pictureHeight, frame, drawing, cached, ThumbnailWidth, cancellationToken) is not null)
            return null;
        return cached;
    }

    private string CachePath(Guid takeId, long frame, Guid? noteId, int? width, string extension) =>
        store.Resolve($"cache/frames/{takeId:N}/{frame}-{(noteId is { } n ? n.ToString("N") : "plain")}-{width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "full"}.{extension}")!;

    private async Task<IResult?> MakeAsync(string video, Core.Time.FrameRate rate, int pictureWidth, int pictureHeight, long frame, Drawing? drawing, string target,
        int? width, CancellationToken cancellationToken)
    {
        if (!await _running.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken))
            return Results.Problem("The server is busy making other frames; try again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        var overlay = drawing is null ? null : Path.Combine(Path.GetTempPath(), $"reviewroom-drawing-{Guid.NewGuid():N}.svg");
        var partial = $"{target}.{Guid.NewGuid():N}.partial{Path.GetExtension(target)}";
        try
        {
            if (overlay is not null)
                await File.WriteAllTextAsync(overlay,
                    $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pictureWidth}\" height=\"{pictureHeight}\" viewBox=\"0 0 {pictureWidth} {pictureHeight}\">"
                    + DrawingSvg.Shapes([drawing!], pictureWidth, pictureHeight) + "</svg>", cancellationToken);
            await ffmpeg.ExportFrameAsync(video, rate, frame, overlay, partial, width, cancellationToken);
            File.Move(partial, target, overwrite: true);
            return null;
        }
        catch (MediaToolException ex)
        {
            logger.LogWarning("Exporting frame {Frame} failed: {Detail}", frame, ex.Detail);
            return Results.Problem("This frame could not be made into a picture.", statusCode: StatusCodes.Status500InternalServerError, title: "Export failed");
        }
        finally
        {
            _running.Release();
            if (overlay is not null)
                File.Delete(overlay);
            File.Delete(partial);
        }
    }
}
