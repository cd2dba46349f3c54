using System.Globalization;
using System.Security.Claims;
using System.Text;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>
/// Every hand-off file at /api/v1, for a pipeline token (read is enough) or a member's sign-in: the pages link here too,
/// so a download from the room and one from the API are the same bytes.
/// </summary>
public static class HandoffEndpoints
{
    public static readonly IReadOnlyDictionary<string, string> NoteFormats = new Dictionary<string, string>
    {
        ["csv"] = "text/csv; charset=utf-8",
        ["md"] = "text/markdown; charset=utf-8",
    };

    public static readonly IReadOnlyDictionary<string, string> CutFormats = new Dictionary<string, string>
    {
        ["edl"] = "text/plain; charset=us-ascii",
        ["fcpxml"] = "application/xml",
        ["otio"] = "application/json",
        ["csv"] = "text/csv; charset=utf-8",
    };

    private const string FilterHelp = "Filters: open=true (threads not yet resolved), role=director|writer|vfx-lead|producer|viewer (who wrote the note), "
        + "since=2026-11-01 or an ISO date and time (written since, UTC unless an offset is given).";

    public static void MapHandoffApi(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("").WithTags("Exports");
        exports.MapGet("/projects/{projectId:guid}/notes.{format}", (Guid projectId, string format, string? open, string? role, string? since, ClaimsPrincipal caller, HandoffReader reader, CancellationToken ct) =>
                NotesAsync(caller, reader, NotesScope.Project, projectId, null, null, format, open, role, since, ct))
            .WithSummary("A project's notes and replies as CSV or Markdown (format: csv or md)").WithDescription(FilterHelp)
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "text/markdown");
        exports.MapGet("/projects/{projectId:guid}/shots/{shotId:guid}/notes.{format}", (Guid projectId, Guid shotId, string format, string? open, string? role, string? since, ClaimsPrincipal caller, HandoffReader reader, CancellationToken ct) =>
                NotesAsync(caller, reader, NotesScope.Shot, projectId, shotId, null, format, open, role, since, ct))
            .WithSummary("A shot's notes on all its takes as CSV or Markdown (format: csv or md)").WithDescription(FilterHelp)
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "text/markdown");
        exports.MapGet("/projects/{projectId:guid}/playlists/{key}/notes.{format}", (Guid projectId, string key, string format, string? open, string? role, string? since, ClaimsPrincipal caller, HandoffReader reader, CancellationToken ct) =>
                NotesAsync(caller, reader, NotesScope.Playlist, projectId, null, key, format, open, role, since, ct))
            .WithSummary("The notes on a playlist's takes, in its order, as CSV or Markdown (format: csv or md)")
            .WithDescription("key: a saved playlist's id, or for a person one of the smart lists (smart-new, smart-needs-my-decision, smart-changes-requested, smart-circled). " + FilterHelp)
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "text/markdown");
        exports.MapGet("/takes/{takeId:guid}/notes.{format}", (Guid takeId, string format, string? open, string? role, string? since, string? form, ClaimsPrincipal caller, HandoffReader reader, CancellationToken ct) =>
                format == "edl" ? TakeEdlAsync(caller, reader, takeId, form, ct) : NotesAsync(caller, reader, NotesScope.Take, null, takeId, null, format, open, role, since, ct))
            .WithSummary("A take's notes as CSV, Markdown, or a CMX 3600 EDL of markers (format: csv, md or edl)")
            .WithDescription("For edl, form=locators (Avid '* LOC:' comments, the default) or form=markers (Resolve's '|C: |M: |D:' marker events). " + FilterHelp)
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "text/markdown", "text/plain");
        exports.MapGet("/projects/{projectId:guid}/report.pdf", ReportAsync)
            .WithSummary("A PDF review report: a cover with counts and statuses, then shot by shot the circled take and each note thread with a picture of its frame")
            .WithDescription(FilterHelp)
            .Produces<string>(StatusCodes.Status200OK, "application/pdf");
        exports.MapGet("/projects/{projectId:guid}/contact-sheet.jpg", ContactSheetAsync)
            .WithSummary("A contact sheet of the cut: the middle frame of each shot's circled take in shot order, labelled (an empty tile where none is circled), as one JPEG")
            .Produces<string>(StatusCodes.Status200OK, "image/jpeg");
        exports.MapGet("/projects/{projectId:guid}/cut.{format}", CutAsync)
            .WithSummary("The circled takes in shot order with their notes: edl, fcpxml (1.10), otio (OpenTimelineIO JSON) or csv (the cut list)")
            .WithDescription("rate=24000/1001 (or 23.976, 25, 29.97...) sets the cut's timeline rate; by default the rate most circled takes share. "
                + "Timelines start at 01:00:00:00, drop-frame at 29.97 and 59.94. For edl, form=locators (default) or form=markers.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/xml", "application/json", "text/csv");
        exports.MapGet("/projects/{projectId:guid}/assembly.mp4", AssemblyMovieAsync)
            .WithSummary("The cut as one movie (H.264 and AAC in MP4): the circled takes back to back in shot order at one rate, frame for frame as in cut.edl")
            .WithDescription("rate= as for the cut (default: the rate most circled takes share). The movie is made in the background: until it is ready the answer "
                + "is 202 with its progress and Retry-After, then 200 with the file (ranges supported). The same cut at the same rate is made once. "
                + "A movie that could not be made answers 500 with the reason; add retry=true to make it again.")
            .Produces<string>(StatusCodes.Status200OK, "video/mp4")
            .Produces<AssemblyRenderView>(StatusCodes.Status202Accepted);
        exports.MapGet("/projects/{projectId:guid}/assembly-renders/{renderId:guid}/assembly.mp4", AssemblyRenderFileAsync)
            .WithSummary("One finished assembly movie, as listed (it stays the cut it was made of, whatever is circled since)")
            .Produces<string>(StatusCodes.Status200OK, "video/mp4");
        exports.MapGet("/projects/{projectId:guid}/assembly-renders", AssemblyRendersAsync)
            .WithSummary("The project's assembly movies, newest first: waiting, being made (with progress), ready (with where to download) or failed (with why)")
            .Produces<IReadOnlyList<AssemblyRenderView>>();
    }

    /// <summary>Where a notes report is, with the filter in its query (only what differs from "every note").</summary>
    public static string NotesUrl(NotesScope scope, Guid projectId, Guid? id, string? playlistKey, string format, ExportFilter filter)
    {
        var path = scope switch
        {
            NotesScope.Take => $"{ApiSetup.Prefix}/takes/{id}/notes.{format}",
            NotesScope.Shot => $"{ApiSetup.Prefix}/projects/{projectId}/shots/{id}/notes.{format}",
            NotesScope.Playlist => $"{ApiSetup.Prefix}/projects/{projectId}/playlists/{Uri.EscapeDataString(playlistKey ?? "")}/notes.{format}",
            _ => $"{ApiSetup.Prefix}/projects/{projectId}/notes.{format}",
        };
        return path + FilterQuery(filter);
    }

    /// <summary>Where the project's PDF review report is, with the filter.</summary>
    public static string ReportUrl(Guid projectId, ExportFilter filter) => $"{ApiSetup.Prefix}/projects/{projectId}/report.pdf" + FilterQuery(filter);

    private static string FilterQuery(ExportFilter filter) => Query(
        ("open", filter.OpenOnly ? "true" : null),
        ("role", filter.Role?.ToString().ToLowerInvariant()),
        ("since", filter.SinceUtc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary>Where the cut (or one take's EDL) is in a format, at a rate (null: the usual one) and an EDL form.</summary>
    public static string CutUrl(Guid projectId, string format, FrameRate? rate, EdlForm form) =>
        $"{ApiSetup.Prefix}/projects/{projectId}/cut.{format}" + Query(("rate", rate?.ToString()), ("form", format == "edl" && form == EdlForm.Markers ? "markers" : null));

    public static string TakeEdlUrl(Guid takeId, EdlForm form) =>
        $"{ApiSetup.Prefix}/takes/{takeId}/notes.edl" + Query(("form", form == EdlForm.Markers ? "markers" : null));

    private static string Query(params (string Name, string? Value)[] pairs)
    {
        var given = pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }

    private static async Task<IResult> NotesAsync(ClaimsPrincipal caller, HandoffReader reader, NotesScope scope, Guid? projectId, Guid? id, string? key,
        string format, string? open, string? role, string? since, CancellationToken ct)
    {
        if (!NoteFormats.TryGetValue(format, out var contentType))
            return Unsupported(format, NoteFormats.Keys.Append(scope == NotesScope.Take ? "edl" : null));
        if (ParseFilter(open, role, since) is not { } filter)
            return BadFilter(open, role, since);
        var report = await reader.NotesAsync(caller.ToActor(), scope, projectId, id, key, filter, ct);
        if (report is null)
            return NotFound(scope == NotesScope.Playlist ? "playlist" : scope.ToString().ToLowerInvariant());
        var bytes = format == "csv" ? report.ToCsv() : report.ToMarkdown();
        return Results.File(bytes, contentType, FileName(report.Title, format));
    }

    private static async Task<IResult> TakeEdlAsync(ClaimsPrincipal caller, HandoffReader reader, Guid takeId, string? form, CancellationToken ct)
    {
        if (ParseForm(form) is not { } edlForm)
            return BadForm(form);
        if (await reader.TakeTimelineAsync(caller.ToActor(), takeId, ct) is not { } timeline)
            return NotFound("take");
        return Results.File(Encoding.ASCII.GetBytes(EdlWriter.Write(timeline, edlForm)), CutFormats["edl"], FileName($"{timeline.ProjectName} notes", "edl"));
    }

    private static async Task<IResult> CutAsync(Guid projectId, string format, string? rate, string? form, ClaimsPrincipal caller, HandoffReader reader, CancellationToken ct)
    {
        if (!CutFormats.TryGetValue(format, out var contentType))
            return Unsupported(format, CutFormats.Keys);
        if (ParseRate(rate) is { Problem: { } badRate })
            return badRate;
        var cutRate = ParseRate(rate).Rate;
        if (ParseForm(form) is not { } edlForm)
            return BadForm(form);
        if (await reader.CutAsync(caller.ToActor(), projectId, cutRate, ct) is not { } cut)
            return NotFound("project");
        var bytes = format switch
        {
            "edl" => Encoding.ASCII.GetBytes(EdlWriter.Write(cut, edlForm)),
            "fcpxml" => FcpxmlWriter.Write(cut),
            "otio" => OtioWriter.Write(cut),
            _ => CutList.ToCsv(cut),
        };
        return Results.File(bytes, contentType, FileName(format == "csv" ? $"{cut.ProjectName} cut list" : $"{cut.ProjectName} cut", format));
    }

    private static async Task<IResult> ReportAsync(Guid projectId, string? open, string? role, string? since, ClaimsPrincipal caller, HandoffReader reader,
        Media.FrameExports frames, TimeProvider clock, CancellationToken ct)
    {
        if (ParseFilter(open, role, since) is not { } filter)
            return BadFilter(open, role, since);
        if (!ReportFonts.EnsureInstalled())
            return Results.Problem(ReportFonts.MissingMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No font for PDF reports");
        if (await reader.ReportAsync(caller.ToActor(), projectId, filter, ct) is not { } report)
            return NotFound("project");
        var now = clock.GetUtcNow().UtcDateTime;
        var bytes = await ReviewReportPdf.WriteAsync(report.Notes, report.Cut, new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc),
            (take, note) => frames.ReportThumbnailAsync(take.TakeId, take.Rate, take.Width, take.Height, note.FrameIn, note.Id, note.Drawing, ct));
        return Results.File(bytes, "application/pdf", FileName($"{report.Cut.ProjectName} review report", "pdf"));
    }

    private static async Task<IResult> ContactSheetAsync(Guid projectId, ClaimsPrincipal caller, ContactSheets sheets, CancellationToken ct)
    {
        if (!ReportFonts.EnsureInstalled())
            return Results.Problem(ReportFonts.MissingMessage, statusCode: StatusCodes.Status503ServiceUnavailable, title: "No font for labels");
        byte[]? sheet;
        try
        {
            sheet = await sheets.MakeAsync(caller.ToActor(), projectId, ct);
        }
        catch (ReviewRoom.Media.MediaToolException)
        {
            return Results.Problem("The contact sheet could not be made: a circled take's picture is missing.", statusCode: StatusCodes.Status500InternalServerError, title: "Contact sheet failed");
        }
        return sheet switch
        {
            null => NotFound("project"),
            { Length: 0 } => Results.Problem("The board has no shots yet: add shots and circle a take of each, and the sheet shows them in shot order.", statusCode: StatusCodes.Status404NotFound, title: "No shots"),
            _ => Results.File(sheet, "image/jpeg", FileName("contact sheet", "jpg")),
        };
    }

    private static async Task<IResult> AssemblyMovieAsync(Guid projectId, string? rate, string? retry, ClaimsPrincipal caller, AssemblyRenderCommands renders,
        ReviewRoom.Media.IMediaStore store, HttpContext http, CancellationToken ct)
    {
        if (ParseRate(rate) is { Problem: { } badRate })
            return badRate;
        var retryFailed = false;
        if (!string.IsNullOrEmpty(retry) && !bool.TryParse(retry, out retryFailed))
            return Results.Problem("Write retry=true to make a movie again after it failed.", statusCode: StatusCodes.Status400BadRequest, title: "Unusable retry");
        AssemblyRenderView render;
        try
        {
            render = await renders.RequestAsync(caller.ToActor(), projectId, ParseRate(rate).Rate, retryFailed, ct);
        }
        catch (ReviewRoom.Core.DomainException ex) when (ex.Problem == ReviewRoom.Core.DomainProblem.NotFound)
        {
            return NotFound("project");
        }
        catch (ReviewRoom.Core.DomainException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "No movie to make");
        }
        var self = AssemblyMovieUrl(projectId, ParseRate(rate).Rate);
        switch (render.State)
        {
            case AssemblyRenderState.Ready:
                return MovieFile(render, store);
            case AssemblyRenderState.Failed:
                return Results.Problem($"{render.Error} Ask again with retry=true to make it afresh.", statusCode: StatusCodes.Status500InternalServerError, title: "The movie could not be made");
            default:
                http.Response.Headers.RetryAfter = "2";
                return Results.Accepted(self, render);
        }
    }

    private static async Task<IResult> AssemblyRenderFileAsync(Guid projectId, Guid renderId, ClaimsPrincipal caller, AssemblyRenderCommands renders,
        ReviewRoom.Media.IMediaStore store, CancellationToken ct)
    {
        if (await renders.FindAsync(caller.ToActor(), projectId, renderId, ct) is not { } render)
            return NotFound("movie");
        return render.State == AssemblyRenderState.Ready
            ? MovieFile(render, store)
            : Results.Problem(render.State == AssemblyRenderState.Failed ? render.Error : $"It is not ready yet: {render.Stage.ToLowerInvariant()}.",
                statusCode: StatusCodes.Status409Conflict, title: "No movie to download");
    }

    /// <summary>A finished movie as a download, ranges and all, named after its project and rate.</summary>
    private static IResult MovieFile(AssemblyRenderView render, ReviewRoom.Media.IMediaStore store) =>
        store.Resolve(ReviewRoom.Media.MediaPaths.RenderMovie(render.ProjectId, render.Id)) is { } file && File.Exists(file)
            ? Results.File(file, ReviewRoom.Media.MediaTypes.Mp4, FileName($"{render.ProjectName} assembly {render.Rate.Replace('/', '_')}", "mp4"), enableRangeProcessing: true)
            : Results.Problem("The movie was made but its file is gone from the media store.", statusCode: StatusCodes.Status500InternalServerError, title: "The movie is missing");

    private static async Task<IResult> AssemblyRendersAsync(Guid projectId, ClaimsPrincipal caller, AssemblyRenderCommands renders, CancellationToken ct) =>
        await renders.ListAsync(caller.ToActor(), projectId, ct) is { } list ? Results.Ok(list) : NotFound("project");

    /// <summary>Where one finished movie is.</summary>
    public static string AssemblyRenderUrl(Guid projectId, Guid renderId) => $"{ApiSetup.Prefix}/projects/{projectId}/assembly-renders/{renderId}/assembly.mp4";

    /// <summary>Where the cut's movie is at a rate (null: the takes' usual rate).</summary>
    public static string AssemblyMovieUrl(Guid projectId, FrameRate? rate) =>
        $"{ApiSetup.Prefix}/projects/{projectId}/assembly.mp4" + Query(("rate", rate?.ToString()));

    /// <summary>A rate from the query: none, one between 1 and 240 frames per second, or a problem saying what is wrong.</summary>
    private static (FrameRate? Rate, IResult? Problem) ParseRate(string? rate)
    {
        if (string.IsNullOrWhiteSpace(rate))
            return (null, null);
        if (!FrameRate.TryParse(rate, out var parsed, out var error) || parsed.FramesPerSecond is < 1 or > 240)
            return (null, Results.Problem(error.Length > 0 ? error : $"'{Shorten(rate)}' is outside 1 to 240 frames per second.", statusCode: StatusCodes.Status400BadRequest, title: "Unusable rate"));
        return (parsed, null);
    }

    /// <summary>The filter from the query, or null when a value cannot be read (the caller says which).</summary>
    public static ExportFilter? ParseFilter(string? open, string? role, string? since)
    {
        bool openOnly = false;
        if (!string.IsNullOrEmpty(open) && !bool.TryParse(open, out openOnly))
            return null;
        ProjectRole? byRole = null;
        if (!string.IsNullOrEmpty(role))
        {
            if (!Enum.TryParse<ProjectRole>(role.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
                || !ProjectRolePolicy.IsMemberRole(parsed) || role.Any(char.IsAsciiDigit))
                return null;
            byRole = parsed;
        }
        DateTime? sinceUtc = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (since.Length > 40 || !DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                return null;
            sinceUtc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        }
        return new ExportFilter(openOnly, byRole, sinceUtc);
    }

    private static EdlForm? ParseForm(string? form) => form switch
    {
        null or "" or "locators" => EdlForm.Locators,
        "markers" => EdlForm.Markers,
        _ => null,
    };

    /// <summary>A download name from the project's and the thing's names: letters, digits, '-' and '_' only.</summary>
    public static string FileName(string title, string extension)
    {
        var name = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                name.Append(c);
            else if (char.IsWhiteSpace(c) && name.Length > 0 && name[^1] != '_')
                name.Append('_');
        }
        var stem = name.ToString().Trim('_');
        return $"{(stem.Length == 0 ? "reviewroom" : stem[..Math.Min(stem.Length, 80)])}.{extension}";
    }

    private static IResult Unsupported(string format, IEnumerable<string?> formats) =>
        Results.Problem($"'{Shorten(format)}' is not a format this export makes. Ask for one of: {string.Join(", ", formats.OfType<string>())}.",
            statusCode: StatusCodes.Status404NotFound, title: "No such format");

    private static IResult BadFilter(string? open, string? role, string? since)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(open) && !bool.TryParse(open, out _))
            errors["open"] = ["Write open=true or open=false."];
        if (!string.IsNullOrEmpty(role) && ParseFilter(null, role, null) is null)
            errors["role"] = [$"'{Shorten(role)}' is not a role. Use director, writer, vfx-lead, producer or viewer."];
        if (!string.IsNullOrEmpty(since) && ParseFilter(null, null, since) is null)
            errors["since"] = [$"'{Shorten(since)}' is not a date. Use 2026-11-01, or a date and time such as 2026-11-01T09:30:00Z."];
        return Results.ValidationProblem(errors, title: "The filter needs fixing");
    }

    private static IResult BadForm(string? form) =>
        Results.Problem($"'{Shorten(form ?? "")}' is not an EDL form. Use form=locators (Avid) or form=markers (Resolve).", statusCode: StatusCodes.Status400BadRequest, title: "No such EDL form");

    private static IResult NotFound(string thing) =>
        Results.Problem($"That {thing} does not exist, or this account or token has no access to it.", statusCode: StatusCodes.Status404NotFound, title: $"No such {thing}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
