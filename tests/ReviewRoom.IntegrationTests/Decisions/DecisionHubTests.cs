using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Core.Notes;

using ReviewRoom.IntegrationTests.Rooms;

namespace ReviewRoom.IntegrationTests.Decisions;

public class DecisionHubTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private const int Director = 0, Writer = 1, VfxLead = 2, Producer = 3, Viewer = 4;

    private async Task<(LivePerson Person, HubConnection Hub)> ConnectAsync(int person)
    {
        var signedIn = await fixture.SignInAsync(person);
        var hub = signedIn.CreateHubConnection();
        await hub.StartAsync();
        return (signedIn, hub);
    }

    private async Task<Guid> ShotIdAsync(string code)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Shots.Where(s => s.ProjectId == DemoProject.Id && s.Code == code).Select(s => s.Id).SingleAsync();
    }

    [Fact]
    public async Task Viewer_CannotDecideOrCircle_WriterCannotCircleUnderTheDefaultPolicy()
    {
        var (_, viewer) = await ConnectAsync(Viewer);
        var (_, writer) = await ConnectAsync(Writer);
        await using var a = viewer;
        await using var b = writer;
        var takeId = await fixture.TakeIdAsync("sh040_v001");
        var shotId = await ShotIdAsync("SH040");

        var viewerDecides = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.Approve, null, null)));
        var viewerCircles = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync(nameof(ReviewHub.Circle), new CircleRequest(shotId, takeId, true, null)));
        var writerCircles = await Assert.ThrowsAsync<HubException>(() => writer.InvokeAsync(nameof(ReviewHub.Circle), new CircleRequest(shotId, takeId, true, null)));
        await writer.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.NeedsChanges, "flame too fast", null));

        Assert.Contains("can watch but not decide", viewerDecides.Message);
        Assert.Contains("circle takes", viewerCircles.Message);
        Assert.Contains("Director and Producer circle takes", writerCircles.Message);
        var state = await writer.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);
        Assert.Equal(TakeStatus.ChangesRequested, state.Takes[takeId].Status);
        Assert.Null(state.Shots[shotId].CircledTakeId);
    }

    [Fact]
    public async Task DirectorAndVfxLeadApprove_TakeIsApproved_ThenCircledWithoutConfirmation()
    {
        var (_, director) = await ConnectAsync(Director);
        var (_, vfx) = await ConnectAsync(VfxLead);
        await using var a = director;
        await using var b = vfx;
        var takeId = await fixture.TakeIdAsync("sh030_v002");
        var shotId = await ShotIdAsync("SH030");

        await director.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.Approve, null, null));
        Assert.Equal(TakeStatus.InReview, (await director.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id)).Takes[takeId].Status);
        await vfx.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.ApproveWithChanges, "grade the sky down a touch", 12L));
        await director.InvokeAsync(nameof(ReviewHub.Circle), new CircleRequest(shotId, takeId, false, "warmest light"));

        var state = await vfx.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);
        Assert.Equal(TakeStatus.Approved, state.Takes[takeId].Status);
        Assert.Equal(takeId, state.Shots[shotId].CircledTakeId);
        Assert.True(state.Shots[shotId].CircledWasApproved);
        Assert.Equal(TakeStatus.Approved, state.Shots[shotId].Status);
        // A comment given at a frame became a timecoded note there.
        var notes = await vfx.InvokeAsync<IReadOnlyList<NoteView>>(nameof(ReviewHub.GetNotes), takeId);
        Assert.Contains(notes, n => n.FrameIn == 12 && n.Body.Contains("grade the sky down a touch"));
    }

    [Fact]
    public async Task ChangingYourMind_KeepsEveryDecisionInHistory()
    {
        var (_, writer) = await ConnectAsync(Writer);
        await using var _ = writer;
        var takeId = await fixture.TakeIdAsync("sh010_v001");

        await writer.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.Reject, "wrong coat colour", null));
        await writer.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.Approve, null, null));

        var history = await fixture.App.Services.GetRequiredService<DecisionQueries>().GetDecisionHistoryAsync(takeId);
        Assert.Equal([DecisionKind.Approve, DecisionKind.Reject], history.Where(d => d.UserName == "Wes Okafor").Select(d => d.Kind));
        Assert.Single(history, d => d.UserName == "Wes Okafor" && d.SupersededAt is null);
    }

    [Fact]
    public async Task TwoMembersCircleAtTheSameMoment_OneTakeEndsCircled_BothChangesInHistory_ClientsConverge()
    {
        var (_, director) = await ConnectAsync(Director);
        var (_, producer) = await ConnectAsync(Producer);
        var (_, watcher) = await ConnectAsync(Writer);
        await using var a = director;
        await using var b = producer;
        await using var c = watcher;
        var shotId = await ShotIdAsync("SH020");
        var first = await fixture.TakeIdAsync("sh020_v001");
        var second = await fixture.TakeIdAsync("sh020_v002");
        var seen = new ConcurrentQueue<RoomEventMessage>();
        watcher.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), seen.Enqueue);
        await watcher.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);

        await Task.WhenAll(
            director.InvokeAsync(nameof(ReviewHub.Circle), new CircleRequest(shotId, first, true, "pace")),
            producer.InvokeAsync(nameof(ReviewHub.Circle), new CircleRequest(shotId, second, true, "budget")));

        var state = await watcher.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);
        var history = await fixture.App.Services.GetRequiredService<DecisionQueries>().GetSelectionHistoryAsync(shotId);
        Assert.Equal(2, history.Count);
        Assert.Equal(history[0].TakeId, state.Shots[shotId].CircledTakeId);
        Assert.All(history, h => Assert.False(h.TakeWasApproved));
        // The watcher's event stream ends on the same choice the state reports.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (seen.Count(e => e.Type == RoomEventTypes.TakeCircled) < 2)
            await Task.Delay(20, timeout.Token);
        var last = seen.Where(e => e.Type == RoomEventTypes.TakeCircled).MaxBy(e => e.Sequence)!;
        Assert.Equal(state.Shots[shotId].CircledTakeId, last.Payload.GetProperty("takeId").GetGuid());
    }

    [Fact]
    public async Task Votes_AreCountedPerPersonAndCanBeTakenBack()
    {
        var (_, writer) = await ConnectAsync(Writer);
        var (_, viewer) = await ConnectAsync(Viewer);
        await using var a = writer;
        await using var b = viewer;
        var takeId = await fixture.TakeIdAsync("sh010_v003");

        await writer.InvokeAsync(nameof(ReviewHub.Vote), takeId, true);
        await writer.InvokeAsync(nameof(ReviewHub.Vote), takeId, true);
        await viewer.InvokeAsync(nameof(ReviewHub.Vote), takeId, true);
        var both = await writer.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);
        await viewer.InvokeAsync(nameof(ReviewHub.Vote), takeId, false);
        var one = await writer.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);

        Assert.Equal(["Wes Okafor", "Vic Moreau"], both.Takes[takeId].Voters.Select(v => v.DisplayName));
        Assert.Equal(["Wes Okafor"], one.Takes[takeId].Voters.Select(v => v.DisplayName));
    }

    [Fact]
    public async Task ChangePolicy_OnlyDirectorOrProducer_AndStatusesFollowTheNewRules()
    {
        var (_, writer) = await ConnectAsync(Writer);
        var (_, producer) = await ConnectAsync(Producer);
        var (_, director) = await ConnectAsync(Director);
        await using var a = writer;
        await using var b = producer;
        await using var c = director;
        var takeId = await fixture.TakeIdAsync("sh020_v003");
        await director.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, DecisionKind.Approve, null, null));
        var directorOnly = ApprovalPolicy.Default with { RequiredRoles = [Core.Projects.ProjectRole.Director] };

        var refused = await Assert.ThrowsAsync<HubException>(() => writer.InvokeAsync(nameof(ReviewHub.ChangePolicy), DemoProject.Id, directorOnly));
        var empty = await Assert.ThrowsAsync<HubException>(() => producer.InvokeAsync(nameof(ReviewHub.ChangePolicy), DemoProject.Id, directorOnly with { RequiredRoles = [] }));
        Assert.Equal(TakeStatus.InReview, (await producer.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id)).Takes[takeId].Status);
        await producer.InvokeAsync(nameof(ReviewHub.ChangePolicy), DemoProject.Id, directorOnly);
        var after = await writer.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);
        await producer.InvokeAsync(nameof(ReviewHub.ChangePolicy), DemoProject.Id, ApprovalPolicy.Default);

        Assert.Contains("Only the director, the producer or an administrator", refused.Message);
        Assert.Contains("At least one role must approve", empty.Message);
        Assert.Equal(TakeStatus.Approved, after.Takes[takeId].Status);
        Assert.Equal([Core.Projects.ProjectRole.Director], after.Policy.RequiredRoles);
    }
}
