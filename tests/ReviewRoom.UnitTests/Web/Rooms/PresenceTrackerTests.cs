using Microsoft.Extensions.Logging.Abstractions;
using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.UnitTests.Web.Rooms;

public sealed class PresenceTrackerTests
{
    private static readonly Guid Project = Guid.NewGuid();
    private static readonly PresenceEntry Dana = new(Guid.NewGuid(), "Dana Reyes", ProjectRole.Director, null, null, false);
    private static readonly PresenceEntry Wes = new(Guid.NewGuid(), "Wes Okafor", ProjectRole.Writer, null, null, false);

    private static (PresenceTracker Tracker, List<IReadOnlyList<PresenceEntry>> Told) Tracker()
    {
        var tracker = new PresenceTracker(NullLogger<PresenceTracker>.Instance);
        var told = new List<IReadOnlyList<PresenceEntry>>();
        tracker.Changed.Subscribe(projectId =>
        {
            told.Add(tracker.InRoom(projectId));
            return Task.CompletedTask;
        });
        return (tracker, told);
    }

    [Fact]
    public async Task MoreTabsOfSomeoneAlreadyThere_TellTheRoomNothing()
    {
        var (tracker, told) = Tracker();
        await tracker.SetAsync(Project, "tab-1", Dana);
        for (var tab = 2; tab <= 50; tab++)
            await tracker.SetAsync(Project, $"tab-{tab}", Dana);
        await tracker.RemoveAsync(Project, "tab-7");

        Assert.Single(told);
        Assert.Equal([Dana], told[0]);
    }

    [Fact]
    public async Task WhatTheRoomShows_IsToldEachTimeItChanges_IncludingTheLastOneLeaving()
    {
        var (tracker, told) = Tracker();
        await tracker.SetAsync(Project, "dana", Dana);
        await tracker.SetAsync(Project, "wes", Wes);
        await tracker.SetAsync(Project, "wes", Wes with { Frame = 12 });
        await tracker.ApplyAsync("node-b", new PresenceChange(Project, "wes-on-b", Wes with { Frame = 12 }));
        await tracker.RemoveAsync(Project, "wes");
        await tracker.RemoveAsync(Project, "dana");
        await tracker.ReplaceNodeAsync("node-b", []);

        Assert.Equal(
            [[Dana], [Dana, Wes], [Dana, Wes with { Frame = 12 }], [Wes with { Frame = 12 }], []],
            told.Select(list => list.ToList()).ToList());
        // Someone coming back into an empty room is news again.
        await tracker.SetAsync(Project, "dana", Dana);
        Assert.Equal([Dana], told[^1]);
    }
}
