using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Sessions;
using ReviewRoom.Web.Features.Sessions;

namespace ReviewRoom.IntegrationTests.Rooms;

/// <summary>Sessions through the running app's commands: who may start, join and drive one, and what a presenter may send.</summary>
public sealed class SessionCommandTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private SessionCommands Sessions => fixture.App.Services.GetRequiredService<SessionCommands>();

    private static SessionPlayhead At(Guid takeId, double position, bool playing = false) =>
        new($"/takes/{takeId}", position, playing, 1, SessionCommands.ServerNowMs());

    private async Task<(Guid ProjectId, Guid TakeId, Scenario.Person Director, Scenario.Person Writer, Scenario.Person Outsider)> RoomAsync()
    {
        var given = new Scenario(fixture.App.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var writer = await given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var outsider = await given.PersonAsync("Otto Outsider");
        return (projectId, await given.TakeAsync(projectId, shotId), director, writer, outsider);
    }

    [Fact]
    public async Task OnlyMembers_StartOrJoin_AndNoOneDrivesFromAnothersSeat()
    {
        var (projectId, takeId, director, writer, outsider) = await RoomAsync();
        var refused = await Assert.ThrowsAsync<DomainException>(() => Sessions.StartAsync(outsider.Principal, projectId, "seat:outsider"));
        Assert.Equal(DomainProblem.NotFound, refused.Problem);
        Assert.Null(Sessions.Current(projectId));

        await Sessions.StartAsync(director.Principal, projectId, "seat:director");
        await Assert.ThrowsAsync<DomainException>(() => Sessions.JoinAsync(outsider.Principal, projectId, "seat:outsider"));
        await Assert.ThrowsAsync<DomainException>(() => Sessions.JoinAsync(ReviewRoom.Core.Projects.Actor.Anonymous.Instance, projectId, "seat:anon"));
        await Sessions.JoinAsync(writer.Principal, projectId, "seat:writer");

        // Someone who knows the presenter's seat key still is not the presenter.
        var stolen = await Assert.ThrowsAsync<DomainException>(() => Sessions.MoveAsync(writer.Principal, projectId, "seat:director", At(takeId, 10)));
        Assert.Equal(DomainProblem.NotFound, stolen.Problem);
        await Assert.ThrowsAsync<DomainException>(() => Sessions.EndAsync(outsider.Principal, projectId, "seat:director"));
        // A follower does not drive.
        var follower = await Assert.ThrowsAsync<DomainException>(() => Sessions.MoveAsync(writer.Principal, projectId, "seat:writer", At(takeId, 10)));
        Assert.Equal(DomainProblem.Forbidden, follower.Problem);

        await Sessions.MoveAsync(director.Principal, projectId, "seat:director", At(takeId, 10));
        Assert.Equal(10, Sessions.Current(projectId)!.Playhead!.Position);
        await Sessions.EndAsync(director.Principal, projectId, "seat:director");
        Assert.Null(Sessions.Current(projectId));
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/account/signout")]
    [InlineData("https://evil.example/takes/00000000-0000-0000-0000-000000000000")]
    [InlineData("/takes/00000000-0000-0000-0000-000000000000?x=<script>")]
    [InlineData("/takes/00000000-0000-0000-0000-000000000000/../../admin")]
    [InlineData("/grid/00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002,00000000-0000-0000-0000-000000000003,00000000-0000-0000-0000-000000000004,00000000-0000-0000-0000-000000000005,00000000-0000-0000-0000-000000000006,00000000-0000-0000-0000-000000000007,00000000-0000-0000-0000-000000000008,00000000-0000-0000-0000-000000000009")]
    public async Task APresenterCannotSendFollowersOffTheReviewPages(string location)
    {
        var (projectId, takeId, director, _, _) = await RoomAsync();
        await Sessions.StartAsync(director.Principal, projectId, "seat:director");
        await Assert.ThrowsAsync<DomainException>(() => Sessions.MoveAsync(director.Principal, projectId, "seat:director", At(takeId, 3) with { Location = location }));
        Assert.Null(Sessions.Current(projectId)!.Playhead);
        await Sessions.EndAsync(director.Principal, projectId, "seat:director");
    }

    [Fact]
    public async Task EveryChangeIsPublishedInOrder_AndAClosedTabLeavesItsSeat()
    {
        var (projectId, takeId, director, writer, _) = await RoomAsync();
        var seen = new List<SessionState>();
        using var subscription = Sessions.Changed.Subscribe(state =>
        {
            if (state.ProjectId == projectId)
                lock (seen)
                    seen.Add(state);
            return Task.CompletedTask;
        });

        await Sessions.StartAsync(director.Principal, projectId, "seat:director");
        await Sessions.JoinAsync(writer.Principal, projectId, "seat:writer");
        for (var frame = 0; frame < 20; frame++)
            await Sessions.MoveAsync(director.Principal, projectId, "seat:director", At(takeId, frame));
        await Sessions.BreakAwayAsync(writer.Principal, projectId, "seat:writer");

        // The presenter's tab closes: the writer, the only one left, presents.
        await Sessions.DropSeatAsync("seat:director");
        var state = Sessions.Current(projectId)!;
        Assert.Equal("seat:writer", state.Presenter!.Key);
        await Sessions.DropSeatAsync("seat:writer");
        Assert.Null(Sessions.Current(projectId));

        Assert.True(seen.Count >= 24);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Version < p.Second.Version || p.Second.Ended), "versions go up");
        Assert.Equal(Enumerable.Range(0, 20).Select(f => (double)f), seen.Where(s => s.Playhead is not null).Select(s => s.Playhead!.Position).Distinct());
        Assert.True(seen[^1].Ended);
    }
}
