using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Components;
using ReviewRoom.Web.Features.Decisions.Components;
using ReviewRoom.Web.Features.Media;

namespace ReviewRoom.Web.Features.Projects.Components;

/// <summary>
/// A take on the board and on a guest's review page: a link to the take, and what the card shows inside it as one
/// piece of markup. As a component each card was render trees of 64 frames in every open page (about 3 KB a card);
/// drawn into the page it is the link's frames and one more, and the inside is one string that every page showing the
/// same take in the same state shares.
/// </summary>
public static class TakeCard
{
    /// <summary>How the team stands on the take: its status (none on a page that does not show it), votes and open notes.</summary>
    public sealed record Review(TakeStatus? Status = null, bool Circled = false, IReadOnlyList<string>? Votes = null, int OpenNotes = 0);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <param name="dragStarted">The card is being dragged (onto a playlist on the board); none where cards are not dragged.</param>
    public static RenderFragment Of(TakeCardModel take, string shotCode, Review review, EventCallback dragStarted = default) => builder =>
    {
        var duration = Duration(take);
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "class", review.Circled ? "rr-take-card rr-take-circled" : "rr-take-card");
        builder.AddAttribute(2, "href", $"/takes/{take.Id}");
        builder.AddAttribute(3, "data-testid", "take-card");
        builder.AddAttribute(4, "data-version", take.Version.ToString(CultureInfo.InvariantCulture));
        if (dragStarted.HasDelegate)
            builder.AddAttribute(6, "ondragstart", dragStarted);
        builder.AddAttribute(7, "aria-label", $"{shotCode} {take.VersionLabel}, {take.Model}, {duration}{(review.Circled ? ", circled for the cut" : "")}");
        builder.AddMarkupContent(8, Inside(take, duration, review));
        builder.CloseElement();
    };

    /// <summary>The card's inside as markup: the same string for every page that shows this take in this state.</summary>
    public static string Inside(TakeCardModel take, Review review) => Inside(take, Duration(take), review);

    private static string Inside(TakeCardModel take, string duration, Review review)
    {
        var html = new StringBuilder(1024);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"rr-take-thumb\" style=\"aspect-ratio: {take.Width} / {take.Height}\">");
        if (take.HasPoster)
            html.Append(CultureInfo.InvariantCulture, $"<img src=\"{MediaEndpoints.PosterUrl(take.Id)}\" alt=\"\" loading=\"lazy\" />");
        else
            html.Append("<div class=\"rr-take-thumb-empty\">").Append(Glyphs.MediumIcon(Icons.Material.Outlined.Movie).Value).Append("</div>");
        html.Append("<span class=\"rr-take-version\" data-testid=\"take-version\">").Append(take.VersionLabel).Append("</span> ");
        html.Append("<span class=\"rr-take-duration\" data-testid=\"take-duration\">").Append(duration).Append("</span>");
        if (review.Circled)
            html.Append("<span class=\"rr-take-circle-badge\" title=\"Circled for the cut\">")
                .Append(Glyphs.InlineIcon(Icons.Material.Filled.RadioButtonChecked).Value).Append(" Circled</span>");
        html.Append("</div> <div class=\"rr-take-meta\"><div class=\"rr-take-model\" data-testid=\"take-model\">").Append(Encoder.Encode(take.Model)).Append("</div> ");
        html.Append("<div class=\"rr-take-sub\">");
        if (take.Relation != TakeRelation.Original && take.ParentVersion is { } parent)
            html.Append(CultureInfo.InvariantCulture, $"<span data-testid=\"take-lineage\">{GenerationInfo.RelationDisplayName(take.Relation)} of v{parent:000}</span>");
        else
            html.Append("<span>Original</span>");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"rr-dot\">·</span> <span>{take.FrameRate.ToDisplayString()} fps</span></div>");
        if (review.Status is { } status)
        {
            html.Append("<div class=\"rr-take-review\">").Append(StatusChip.Markup(status));
            if (review.Votes is { Count: > 0 } votes)
                html.Append("<span class=\"rr-take-votes\" title=\"").Append(Encoder.Encode(string.Join(", ", votes))).Append("\" data-testid=\"take-votes\">")
                    .Append(Glyphs.InlineIcon(Icons.Material.Filled.Star).Value).Append(CultureInfo.InvariantCulture, $" {votes.Count}</span>");
            if (review.OpenNotes > 0)
                html.Append("<span class=\"rr-take-notes\" title=\"Open notes\" data-testid=\"take-open-notes\">")
                    .Append(Glyphs.InlineIcon(Icons.Material.Outlined.ChatBubbleOutline).Value).Append(CultureInfo.InvariantCulture, $" {review.OpenNotes}</span>");
            html.Append("</div>");
        }
        html.Append("</div>");
        return SharedMarkup.Of(html.ToString());
    }

    /// <summary>Duration as timecode, the way editors read clip lengths.</summary>
    private static string Duration(TakeCardModel take) => Timecode.FromFrame(take.DurationFrames, take.FrameRate).ToString();
}
