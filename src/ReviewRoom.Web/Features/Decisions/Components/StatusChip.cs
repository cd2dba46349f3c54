using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;
using ReviewRoom.Core.Decisions;

namespace ReviewRoom.Web.Features.Decisions.Components;

/// <summary>
/// A take's or shot's review status as a coloured chip. Drawn into the page that shows it rather than as a component
/// of its own: a board shows one per take and per shot, and each component is render trees kept in every open page.
/// </summary>
public static class StatusChip
{
    // One piece of markup per status and test id (the pages' own constants) for the whole server: one frame in each
    // page that shows it, pointing at the same string.
    private static readonly ConcurrentDictionary<(TakeStatus Status, string TestId), string> Looks = new();

    public static RenderFragment Of(TakeStatus status, string testId = "take-status") => builder =>
        builder.AddMarkupContent(0, Markup(status, testId));

    /// <summary>The chip as markup, for a piece of markup that holds it.</summary>
    public static string Markup(TakeStatus status, string testId = "take-status") =>
        Enum.IsDefined(status)
            ? Looks.GetOrAdd((status, testId), key => Html(key.Status, key.TestId, $"rr-status rr-status-{key.Status.ToString().ToLowerInvariant()}"))
            : Html(status, testId, "rr-status");

    private static string Html(TakeStatus status, string testId, string classes) =>
        $"<span class=\"{classes}\" data-testid=\"{WebUtility.HtmlEncode(testId)}\" data-status=\"{status}\">{WebUtility.HtmlEncode(TakeDecision.DisplayName(status))}</span>";
}
