using ReviewRoom.Core.Decisions;

namespace ReviewRoom.Web.Features.Takes.Components;

/// <summary>
/// The one list of the take page's keys: the help overlay shows it and the player script binds it (it gets the
/// bindings when it attaches and only implements the actions), so the two cannot disagree.
/// </summary>
public static class PlayerShortcuts
{
    /// <summary>
    /// A key as the player script names it: the <c>KeyboardEvent.key</c>, letters in lower case, with "Shift+" when
    /// Shift is held (not for symbols such as "?", which need Shift to be typed at all).
    /// </summary>
    public sealed record Binding(string Key, string Action);

    /// <summary>One line of the help overlay, and the keys that do what it says.</summary>
    public sealed record Shortcut(string Keys, string What, IReadOnlyList<Binding> Bindings);

    private static Binding[] Bind(string action, params string[] keys) => [.. keys.Select(key => new Binding(key, action))];

    /// <summary>Shift+letter presses the decision button carrying that letter (see <see cref="DecisionKey"/>).</summary>
    public static string? DecisionKey(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve => "A",
        DecisionKind.NeedsChanges => "C",
        DecisionKind.Reject => "R",
        _ => null,
    };

    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new("Space", "Play / pause", Bind("togglePlay", " ")),
        new("← →", "Previous / next frame", [.. Bind("previousFrame", "ArrowLeft"), .. Bind("nextFrame", "ArrowRight")]),
        new("Shift ← →", "Back / forward one second", [.. Bind("secondBack", "Shift+ArrowLeft"), .. Bind("secondForward", "Shift+ArrowRight")]),
        new("J K L", "Shuttle back / pause / forward (press J or L again to go faster)",
            [.. Bind("shuttleBack", "j", "Shift+J"), .. Bind("pause", "k", "Shift+K"), .. Bind("shuttleForward", "l")]),
        new("Home End", "First / last frame", [.. Bind("firstFrame", "Home"), .. Bind("lastFrame", "End")]),
        new("I O", "Mark in / out for a range note", [.. Bind("markIn", "i", "Shift+I"), .. Bind("markOut", "o", "Shift+O")]),
        new("Esc", "Clear the in/out range", Bind("clearRange", "Escape")),
        new("Shift L", "Loop the in/out range", Bind("toggleLoop", "Shift+L")),
        new("N", "Write a note at the playhead", Bind("writeNote", "n", "Shift+N", "c")),
        new("D", "Draw on the frame (goes with your next note)", Bind("draw", "d", "Shift+D")),
        new($"Shift {DecisionKey(DecisionKind.Approve)}", "Approve the take", []),
        new($"Shift {DecisionKey(DecisionKind.NeedsChanges)}", "Ask for changes", []),
        new($"Shift {DecisionKey(DecisionKind.Reject)}", "Reject the take", []),
        new("[ ]", "Previous / next take of the playlist", [.. Bind("playlistPrevious", "["), .. Bind("playlistNext", "]")]),
        new("R", "Rejoin the presenter, in a live session you broke away from", []),
        new("M", "Mute", Bind("toggleMute", "m", "Shift+M")),
        new("F", "Fullscreen", Bind("toggleFullscreen", "f", "Shift+F")),
        new("?", "This list", Bind("toggleHelp", "?")),
    ];

    /// <summary>Key name to action, as the player script looks them up.</summary>
    public static IReadOnlyDictionary<string, string> KeyMap { get; } =
        All.SelectMany(s => s.Bindings).ToDictionary(b => b.Key, b => b.Action, StringComparer.Ordinal);
}
