using ReviewRoom.TestHost;
using System.Text.RegularExpressions;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Web.Features.Takes.Components;

namespace ReviewRoom.UnitTests.Web.Takes;

public partial class PlayerShortcutsTests
{
    [Fact]
    public void EveryBoundAction_IsImplementedByThePlayerScript()
    {
        var script = File.ReadAllText(Repository.PathTo("wwwroot", "js", "player.js"));
        var actions = ActionsBlock().Match(script).Groups["body"].Value;
        Assert.NotEmpty(actions);

        foreach (var action in PlayerShortcuts.All.SelectMany(s => s.Bindings).Select(b => b.Action).Distinct())
            Assert.True(Regex.IsMatch(actions, $@"(^|\s){Regex.Escape(action)}(:|,)", RegexOptions.Multiline), $"player.js has no action '{action}'");
    }

    [Fact]
    public void EveryKey_DoesOneThing() =>
        Assert.Equal(PlayerShortcuts.KeyMap.Count, PlayerShortcuts.All.Sum(s => s.Bindings.Count));

    [Fact]
    public void DecisionKeys_AreListedInTheHelp()
    {
        foreach (var kind in new[] { DecisionKind.Approve, DecisionKind.NeedsChanges, DecisionKind.Reject })
            Assert.Contains(PlayerShortcuts.All, s => s.Keys == $"Shift {PlayerShortcuts.DecisionKey(kind)}");
    }

    [Fact]
    public void DecisionKeys_AreNotAlsoPlayerKeys()
    {
        foreach (var kind in new[] { DecisionKind.Approve, DecisionKind.NeedsChanges, DecisionKind.Reject })
            Assert.DoesNotContain($"Shift+{PlayerShortcuts.DecisionKey(kind)}", PlayerShortcuts.KeyMap.Keys);
    }

    [GeneratedRegex(@"const actions = \{(?<body>.*?)\n  \};", RegexOptions.Singleline)]
    private static partial Regex ActionsBlock();
}
