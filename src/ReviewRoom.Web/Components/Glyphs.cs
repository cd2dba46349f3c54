using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace ReviewRoom.Web.Components;

/// <summary>
/// MudBlazor's button and icon looks as plain markup, for controls a page shows many of or keeps for hours (the player's
/// bar). Each MudBlazor button, icon and tooltip is a component with render trees of its own in every circuit; a plain
/// element with the same classes looks the same and costs the circuit nothing but its frames.
/// </summary>
public static class Glyphs
{
    public const string IconButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";

    public const string FilledIconButton =
        "mud-button-root mud-icon-button mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small mud-ripple mud-icon-button-size-small";

    public const string TextButton = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";

    /// <summary>A text button for an action that removes something.</summary>
    public const string ErrorTextButton = "mud-button-root mud-button mud-button-text mud-button-text-error mud-button-text-size-small mud-ripple";

    public const string FilledButton = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small mud-ripple";

    public const string OutlinedButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small mud-ripple";

    /// <summary>A text button in the colour of what it sits on (the app bar's).</summary>
    public const string InheritTextButton = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-small mud-ripple";

    public const string InheritIconButton = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon mud-icon-button-size-small";

    // One string per icon for the whole server: every circuit's frames point at the same markup.
    private static readonly ConcurrentDictionary<string, MarkupString> Icons = new();

    /// <summary>A MudBlazor icon (one of the <c>Icons.Material</c> constants, never text from outside) as small inline SVG.</summary>
    public static MarkupString Icon(string icon) => Svg(icon, "mud-icon-size-small");

    /// <summary>An icon at MudIcon's own default size.</summary>
    public static MarkupString MediumIcon(string icon) => Svg(icon, "mud-icon-size-medium");

    /// <summary>An icon at text size within a line (the class MudIcon is given there: <c>rr-inline-icon</c>).</summary>
    public static MarkupString InlineIcon(string icon) => Svg(icon, "mud-icon-size-medium rr-inline-icon");

    /// <summary>An icon button's content (its icon in MudBlazor's label span) as one shared piece of markup.</summary>
    public static MarkupString IconButtonLabel(string icon) =>
        Icons.GetOrAdd($"icon-button|{icon}", _ => new MarkupString($"<span class=\"mud-icon-button-label\">{Icon(icon)}</span>"));

    /// <summary>A text button's content: its own constant wording in MudBlazor's label span, one shared frame.</summary>
    public static MarkupString TextLabel(string label) =>
        Icons.GetOrAdd($"text|{label}", _ => new MarkupString($"<span class=\"mud-button-label\">{System.Net.WebUtility.HtmlEncode(label)}</span>"));

    /// <summary>
    /// A button's content, its icon before its label, as one piece of markup shared by every circuit: one frame where
    /// the elements would be six. The label is the button's own constant wording (the cache keeps one per label).
    /// </summary>
    public static MarkupString Label(string icon, string label) =>
        Icons.GetOrAdd($"label|{icon}|{label}", _ => new MarkupString(
            $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-small\">{Icon(icon)}</span>{System.Net.WebUtility.HtmlEncode(label)}</span>"));

    private static MarkupString Svg(string icon, string classes) =>
        Icons.GetOrAdd($"{classes}|{icon}", _ => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon {classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>"));
}
