using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Components;
using ReviewRoom.Web.Features.Decisions.Components;

namespace ReviewRoom.Web.Features.Projects.Components;

/// <summary>
/// The parts of the board that only show things, drawn as markup shared by every open board (<see cref="SharedMarkup"/>):
/// a shot's heading, its file picker, the project's links and progress. As elements they were more than half of a
/// board's render tree, about 45 frames a shot, kept in every circuit that shows it; as markup each is one frame.
/// Every piece of text from people (codes, scenes, descriptions) is HTML-encoded here.
/// </summary>
public static class BoardMarkup
{
    private const string VideoFiles = "video/*,.mov,.mkv,.mxf,.webm";

    /// <summary>A shot's place in the cut, code, scene, status, description and what its takes cost.</summary>
    public static MarkupString ShotHeading(ShotCardModel shot, TakeStatus? status, decimal? circledTakeCredits)
    {
        var chip = status is { } known ? StatusChip.Markup(known, "shot-status") : "";
        var takes = shot.Takes.Count == 1 ? "take" : "takes";
        var circled = circledTakeCredits is { } credits ? $" · circled take {Amount(credits)}" : "";
        return SharedMarkup.Markup(
            $"<span class=\"rr-shot-order\">{shot.Order.ToString("00", CultureInfo.InvariantCulture)}</span>"
            + $"<div><div class=\"rr-shot-title\"><strong>{Encode(shot.Code)}</strong> <span class=\"rr-muted\">{Encode(shot.SceneLabel)}</span>{chip}</div>"
            + $"<div class=\"rr-muted rr-shot-description\">{Encode(shot.Description)}</div></div>"
            + "<div class=\"flex-grow-1\"></div>"
            + $"<span class=\"rr-muted rr-shot-count\" data-testid=\"shot-credits\">{shot.Takes.Count} {takes} · {Amount(shot.CreditsSpent)} credits{circled}</span>");
    }

    /// <summary>
    /// "Add takes" on a shot: a label around a hidden file input. The upload script listens on the board, so the
    /// picker needs no handlers of the page's own.
    /// </summary>
    public static MarkupString AddTakes(ShotCardModel shot) => SharedMarkup.Markup(
        $"<label class=\"rr-add-takes\" title=\"Add takes from files (or drop files on this shot)\" tabindex=\"0\" role=\"button\" data-file-picker=\"\" aria-label=\"Add takes to {Encode(shot.Code)} from files\">"
        + $"<input type=\"file\" multiple hidden accept=\"{VideoFiles}\" data-pick-shot=\"{shot.Id}\" data-testid=\"add-takes-input\" />"
        + $"{Glyphs.Icon(Icons.Material.Outlined.FileUpload)} Add takes</label>");

    /// <summary>The zone at the end of the board where dropped or chosen files become a new shot.</summary>
    public static readonly MarkupString NewShotZone = new(
        "<label class=\"rr-new-shot-zone\" data-drop-new-shot=\"true\" data-testid=\"new-shot-zone\" tabindex=\"0\" role=\"button\" data-file-picker=\"\">"
        + $"<input type=\"file\" multiple hidden accept=\"{VideoFiles}\" data-pick-shot=\"new\" />"
        + $"{Glyphs.MediumIcon(Icons.Material.Outlined.AddToQueue)}"
        + "<span><strong>New shot from files</strong> · drop video files here, or click to choose them</span></label>");

    /// <summary>The project's other pages, as outlined buttons.</summary>
    public static MarkupString ProjectLinks(Guid projectId) => SharedMarkup.Markup(string.Concat(
        Link(projectId, "people", Icons.Material.Outlined.Group, "People"),
        Link(projectId, "assembly", Icons.Material.Outlined.Movie, "Assembly"),
        Link(projectId, "playlists", Icons.Material.Outlined.PlaylistPlay, "Playlists"),
        Link(projectId, "models", Icons.Material.Outlined.Insights, "Models"),
        Link(projectId, "activity", Icons.Material.Outlined.History, "Activity"),
        Link(projectId, "integrations", Icons.Material.Outlined.Api, "Integrations")));

    /// <summary>How many shots, takes and credits the board holds, and the person's own role in the project.</summary>
    public static MarkupString Stats(int shots, int takes, decimal credits, string? role) => SharedMarkup.Markup(
        $"<div><span class=\"rr-stat\">{shots}</span> shots</div><div><span class=\"rr-stat\">{takes}</span> takes</div>"
        + $"<div><span class=\"rr-stat\">{Amount(credits)}</span> credits</div>"
        + (role is null ? "" : $"<span class=\"rr-role-chip\">You: {Encode(role)}</span>"));

    /// <summary>How far the project is towards its cut (shots with an approved circled take) and what it has cost.</summary>
    public static MarkupString Progress(int approvedCircledShots, int shots, CreditReport credits)
    {
        var percent = shots == 0 ? 0 : approvedCircledShots * 100.0 / shots;
        return SharedMarkup.Markup(
            $"<div class=\"rr-progress\" data-testid=\"progress\">"
            + $"<div class=\"rr-progress-label\"><strong data-testid=\"progress-count\">{approvedCircledShots} of {shots}</strong> shots have an approved circled take</div>"
            + $"<div role=\"progressbar\" aria-label=\"Shots with an approved circled take\" aria-valuenow=\"{Math.Round(percent).ToString(CultureInfo.InvariantCulture)}\" aria-valuemin=\"0\" aria-valuemax=\"100\" "
            + "class=\"mud-progress-linear mud-progress-linear-rounded mud-progress-linear-small mud-progress-linear-color-success mud-progress-linear-background horizontal\">"
            + $"<div class=\"mud-progress-linear-bars mud-flip-x-rtl\"><div class=\"mud-progress-linear-bar\" style=\"transform: translateX(-{(100 - percent).ToString("0.##", CultureInfo.InvariantCulture)}%);\"></div></div></div>"
            + "<div class=\"rr-credits mt-1\" data-testid=\"credits\">"
            + $"<span><strong data-testid=\"credits-total\">{Amount(credits.Total)}</strong> credits</span>"
            + "<span title=\"All credits spent, divided by the seconds of approved, circled takes\">"
            + $"<strong data-testid=\"credits-per-second\">{(credits.PerApprovedSecond is { } perSecond ? Amount(perSecond) : "—")}</strong> per approved second of the cut</span>"
            + $"<span><strong data-testid=\"credits-rejected\">{Amount(credits.OnRejected)}</strong> on rejected takes</span>"
            + "</div></div>");
    }

    private static string Link(Guid projectId, string page, string icon, string label) =>
        $"<a class=\"{Glyphs.OutlinedButton}\" href=\"/projects/{projectId}/{page}\" data-testid=\"{page}-link\">{Glyphs.Label(icon, label)}</a>";

    private static string Amount(decimal credits) => credits.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
