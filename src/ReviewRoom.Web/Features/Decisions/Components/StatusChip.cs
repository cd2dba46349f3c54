using Microsoft.AspNetCore.Components;
using ReviewRoom.Core.Decisions;

namespace ReviewRoom.Web.Features.Decisions.Components;

/// <summary>
/// A take's or shot's review status as a coloured chip. Drawn into the page that shows it rather than as a component
/// of its own: a board shows one per take and per shot, and each component is render trees kept in every open page.
/// </summary>
public static class StatusChip
{
    // One set of strings for the whole server, so the chips on every open page point at the same ones.
    private static readonly Dictionary<TakeStatus, (string Class, string Name)> Looks = Enum.GetValues<TakeStatus>()
        .ToDictionary(status => status, status => ($"rr-status rr-status-{status.ToString().ToLowerInvariant()}", status.ToString()));

    public static RenderFragment Of(TakeStatus status, string testId = "take-status") => builder =>
    {
        var (classes, name) = Looks.TryGetValue(status, out var look) ? look : ("rr-status", status.ToString());
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", classes);
        builder.AddAttribute(2, "data-testid", testId);
        builder.AddAttribute(3, "data-status", name);
        builder.AddContent(4, TakeDecision.DisplayName(status));
        builder.CloseElement();
    };
}
