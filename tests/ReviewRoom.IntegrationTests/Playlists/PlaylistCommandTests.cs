using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Playlists;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Playlists;
using ReviewRoom.Web.Features.Decisions;

namespace ReviewRoom.IntegrationTests.Playlists;

/// <summary>Playlists through the running app: who may change them, which takes they take, the events they make, and the smart lists.</summary>
public sealed class PlaylistCommandTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private PlaylistCommands Commands => fixture.App.Services.GetRequiredService<PlaylistCommands>();
    private PlaylistReader Reader => fixture.App.Services.GetRequiredService<PlaylistReader>();

    [Fact]
    public async Task Members_MakeAndChangePlaylists_ViewersAndOutsidersCannot_AndEachChangeIsARoomEvent()
    {
        var given = new Scenario(fixture.App.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var writer = await given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var viewer = await given.MemberAsync(projectId, director, "Vic Viewer", ProjectRole.Viewer);
        var outsider = await given.PersonAsync("Otto Outsider");
        var takes = new[] { await given.TakeAsync(projectId, shotId), await given.TakeAsync(projectId, shotId), await given.TakeAsync(projectId, shotId) };
        var events = new List<RoomEvent>();
        using var listening = fixture.App.Services.GetRequiredService<IRoomEventBus>().Subscribe(projectId, e => { lock (events) events.Add(e); return Task.CompletedTask; });

        var id = await Commands.CreateAsync(writer.Principal, projectId, "Dailies Tuesday", [takes[2], takes[0]]);
        await Commands.AddTakeAsync(director.Principal, id, takes[1]);
        await Commands.SetTakesAsync(writer.Principal, id, [takes[1], takes[2], takes[0]]);
        await Commands.RenameAsync(writer.Principal, id, "Dailies Wednesday");

        var saved = (await Reader.ResolveAsync(viewer.Principal, projectId, id.ToString()))!;
        Assert.Equal("Dailies Wednesday", saved.Name);
        Assert.Equal([takes[1], takes[2], takes[0]], saved.TakeIds);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Commands.SetTakesAsync(viewer.Principal, id, []));
        Assert.Equal(DomainProblem.Forbidden, refused.Problem);
        var hidden = await Assert.ThrowsAsync<DomainException>(() => Commands.RenameAsync(outsider.Principal, id, "Mine now"));
        Assert.Equal(DomainProblem.NotFound, hidden.Problem);
        await Assert.ThrowsAsync<DomainException>(() => Commands.CreateAsync(outsider.Principal, projectId, "Mine"));
        Assert.Null(await Reader.ResolveAsync(outsider.Principal, projectId, id.ToString()));
        await Assert.ThrowsAsync<DomainException>(() => Commands.AddTakeAsync(writer.Principal, id, takes[0]));

        await Commands.DeleteAsync(director.Principal, id);
        Assert.Null(await Reader.ResolveAsync(director.Principal, projectId, id.ToString()));

        await ReviewRoom.TestHost.Eventually.UntilAsync(() => { lock (events) return events.Count >= 5; }, "the five playlist events");
        lock (events)
        {
            Assert.Equal([RoomEventTypes.PlaylistSaved, RoomEventTypes.PlaylistSaved, RoomEventTypes.PlaylistSaved, RoomEventTypes.PlaylistSaved, RoomEventTypes.PlaylistDeleted],
                events.Select(e => e.Type));
            Assert.Equal(3, RoomEventCatalog.ReadAs<PlaylistSaved>(events[2])!.Takes);
        }
    }

    [Fact]
    public async Task APlaylistTakesOnlyThisProjectsTakes_AndKeepsNothingOfARefusedChange()
    {
        var given = new Scenario(fixture.App.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var (otherProject, otherShot, _) = await given.ProjectAsync();
        var mine = await given.TakeAsync(projectId, shotId);
        var theirs = await given.TakeAsync(otherProject, otherShot);
        var id = await Commands.CreateAsync(director.Principal, projectId, "Cut", [mine]);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Commands.SetTakesAsync(director.Principal, id, [mine, theirs]));
        Assert.Equal(DomainProblem.NotFound, refused.Problem);
        await Assert.ThrowsAsync<DomainException>(() => Commands.SetTakesAsync(director.Principal, id, [mine, Guid.NewGuid()]));
        await Assert.ThrowsAsync<DomainException>(() => Commands.SetTakesAsync(director.Principal, id, [.. Enumerable.Repeat(mine, Playlist.MaxTakes + 1)]));
        await Assert.ThrowsAsync<DomainException>(() => Commands.RenameAsync(director.Principal, id, "<script>\u0007</script>"));
        var playlist = (await fixture.App.Services.GetRequiredService<PlaylistQueries>().GetAsync(id))!;
        Assert.Equal("Cut", playlist.Name);
        Assert.Equal([mine], playlist.TakeIds);
    }

    [Fact]
    public async Task SmartLists_FollowTheReview_ForEachPerson()
    {
        var given = new Scenario(fixture.App.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var writer = await given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var first = await given.TakeAsync(projectId, shotId);
        var second = await given.TakeAsync(projectId, shotId);

        async Task<IReadOnlyList<Guid>> ListOf(Scenario.Person who, SmartList list) =>
            (await Reader.ResolveAsync(who.Principal, projectId, SmartLists.Slug(list)))!.TakeIds;

        Assert.Equal([first, second], await ListOf(director, SmartList.NeedsMyDecision));
        Assert.Empty(await ListOf(writer, SmartList.NeedsMyDecision));
        Assert.Equal([first, second], await ListOf(director, SmartList.NewSinceMyLastVisit));

        var decisions = fixture.App.Services.GetRequiredService<DecisionCommands>();
        await decisions.DecideAsync(director.Principal, first, ReviewRoom.Core.Decisions.DecisionKind.NeedsChanges, "Sky flickers", null);
        Assert.Equal([second], await ListOf(director, SmartList.NeedsMyDecision));
        Assert.Equal([first], await ListOf(writer, SmartList.ChangesRequested));
    }
}
