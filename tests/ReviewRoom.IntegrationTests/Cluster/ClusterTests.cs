using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Web.Features.Sessions;
using ReviewRoom.Core.Sessions;

namespace ReviewRoom.IntegrationTests.Cluster;

/// <summary>
/// Two nodes sharing one PostgreSQL database and one Redis, on real ports, with hub clients of our own on each: what one
/// node's people do reaches the other node's people at once, in order, and survives Redis going away.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.AlwaysPostgreSql)]
public sealed class ClusterTests(ClusterTests.TwoNodesAndRedis cluster) : IClassFixture<ClusterTests.TwoNodesAndRedis>
{
    private const int Director = 0, WriterRole = 1;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The nodes and Redis, started once for the class; the tests keep to their own notes.</summary>
    public sealed class TwoNodesAndRedis : IDisposable
    {
        private readonly string _folder = ReviewRoomAppFactory.NewDataFolder();

        public TwoNodesAndRedis()
        {
            Redis = RedisServer.Start();
            var shared = TestDatabase.SharedPostgreSqlFor(_folder);
            shared["Redis:Configuration"] = Redis.Configuration;
            shared["Redis:NodeTimeout"] = "00:00:03";
            // Node A sweeps the outbox every second; node B practically never, so what B hears came through Redis or
            // through the gap a later event showed it.
            A = new ReviewRoomAppFactory(_folder, settings: new(shared) { ["Redis:SweepInterval"] = "00:00:01" });
            AddressOfA = A.StartOnFreePort();
            B = new ReviewRoomAppFactory(_folder, settings: new(shared) { ["Redis:SweepInterval"] = "01:00:00" });
            AddressOfB = B.StartOnFreePort();
        }

        public RedisServer Redis { get; }
        public ReviewRoomAppFactory A { get; }
        public ReviewRoomAppFactory B { get; }
        public Uri AddressOfA { get; }
        public Uri AddressOfB { get; }

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
            Redis.Dispose();
            ReviewRoomAppFactory.DeleteFolder(_folder);
        }
    }

    [Fact]
    public async Task NotesWrittenThroughNodeA_ReachAHubClientOnNodeB_EachOnceInSequenceOrder()
    {
        await using var onB = await ListenerAsync(cluster.AddressOfB, WriterRole);
        await using var writer = await WriterAsync(cluster.AddressOfA);

        var written = await writer.PostAsync(40, "through A");

        await onB.WaitForAsync(written);
        onB.AssertInOrderOnce();
    }

    [Fact]
    public async Task NotesWrittenThroughBothNodesAtOnce_ReachClientsOnBoth_InTheSameOrder()
    {
        await using var onA = await ListenerAsync(cluster.AddressOfA, WriterRole);
        await using var onB = await ListenerAsync(cluster.AddressOfB, WriterRole);
        await using var writerA = await WriterAsync(cluster.AddressOfA);
        await using var writerB = await WriterAsync(cluster.AddressOfB);

        var written = await Task.WhenAll(writerA.PostAsync(30, "both A"), writerB.PostAsync(30, "both B"));

        var all = written.SelectMany(w => w).ToList();
        await onA.WaitForAsync(all);
        await onB.WaitForAsync(all);
        onA.AssertInOrderOnce();
        onB.AssertInOrderOnce();
        Assert.Equal(onA.EventsAfter(0), onB.EventsAfter(0));
    }

    [Fact]
    public async Task RedisKilledAndRestartedWhileNotesFlow_NothingIsLostDuplicatedOrReordered()
    {
        await using var onB = await ListenerAsync(cluster.AddressOfB, WriterRole);
        await using var writer = await WriterAsync(cluster.AddressOfA);

        var before = await writer.PostAsync(10, "before the restart");
        await onB.WaitForAsync(before);
        cluster.Redis.Kill();
        // Nobody can tell node B about these: it reads them from the outbox once Redis is back or a later note shows the gap.
        var during = await writer.PostAsync(10, "while Redis is down");
        cluster.Redis.StartAgain();
        await WaitUntilBothNodesAreBackAsync();
        var after = await writer.PostAsync(10, "after the restart");

        await onB.WaitForAsync([.. before, .. during, .. after]);
        onB.AssertInOrderOnce();
    }

    [Fact]
    public async Task NotesWrittenWhileRedisIsDown_ReachTheOtherNodeFromTheOutbox()
    {
        await using var onA = await ListenerAsync(cluster.AddressOfA, WriterRole);
        await using var writer = await WriterAsync(cluster.AddressOfB);

        cluster.Redis.Kill();
        try
        {
            var written = await writer.PostAsync(5, "Redis down, nothing after");
            // No later note, no Redis: only node A's sweep of the outbox can bring these.
            await onA.WaitForAsync(written);
            onA.AssertInOrderOnce();
        }
        finally
        {
            cluster.Redis.StartAgain();
            await WaitUntilBothNodesAreBackAsync();
        }
    }

    [Fact]
    public async Task SomeoneJoiningOnNodeA_IsInTheRoomForAClientOnNodeB_AndLeavesWhenTheyGo()
    {
        await using var onB = await ListenerAsync(cluster.AddressOfB, WriterRole);
        await using var director = await LivePerson.SignInAsync(cluster.AddressOfA, DemoPeople.All[Director].Email, DemoPeople.Password);
        var directorName = DemoPeople.All[Director].DisplayName;
        var onA = director.CreateHubConnection();
        await onA.StartAsync();
        await onA.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);
        await onA.InvokeAsync(nameof(ReviewHub.SetPresence), DemoProject.Id, (Guid?)null, (long?)42, true);

        await onB.WaitForPresenceAsync(people => people.Any(p => p.DisplayName == directorName && p.Frame == 42 && p.Typing), "the director at frame 42, typing");

        await onA.DisposeAsync();
        await onB.WaitForPresenceAsync(people => people.All(p => p.DisplayName != directorName), "the director gone");
    }

    [Fact]
    public async Task ABudget_IsCountedByBothNodesTogether_AndEachNodeCountsAloneWhileRedisIsDown()
    {
        var name = $"test-{Guid.NewGuid():N}";
        using var onA = cluster.A.Services.GetRequiredService<ReviewRoom.Web.Features.Security.IRateWindows>().Create(name, 5, TimeSpan.FromMinutes(1));
        using var onB = cluster.B.Services.GetRequiredService<ReviewRoom.Web.Features.Security.IRateWindows>().Create(name, 5, TimeSpan.FromMinutes(1));

        // Five permits between them, whichever node the caller reaches.
        var answers = new List<TimeSpan?>();
        for (var i = 0; i < 5; i++)
            answers.Add(await (i % 2 == 0 ? onA : onB).TryAcquireAsync("caller-1"));
        Assert.All(answers, Assert.Null);
        var waitOnA = await onA.TryAcquireAsync("caller-1");
        var waitOnB = await onB.TryAcquireAsync("caller-1");
        Assert.NotNull(waitOnA);
        Assert.NotNull(waitOnB);
        Assert.InRange(waitOnB!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        // Another caller has a budget of their own.
        Assert.Null(await onB.TryAcquireAsync("caller-2"));

        cluster.Redis.Kill();
        try
        {
            // Without Redis each node falls back to a budget of its own rather than refusing everyone.
            await Eventually.UntilAsync(() => !cluster.A.Services.GetRequiredService<ReviewRoom.Web.Features.Cluster.ClusterLink>().IsConnected, "node A noticing Redis gone", Patience);
            Assert.Null(await onA.TryAcquireAsync("caller-1"));
        }
        finally
        {
            cluster.Redis.StartAgain();
            await WaitUntilBothNodesAreBackAsync();
        }
    }

    [Fact]
    public async Task Health_OnEachNode_NamesTheNode_AndReportsDatabaseRedisAndFfmpeg()
    {
        var nodes = new List<string>();
        foreach (var address in new[] { cluster.AddressOfA, cluster.AddressOfB })
        {
            using var http = new HttpClient { BaseAddress = address };
            using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
            var checks = health.RootElement.GetProperty("checks");
            foreach (var check in new[] { "database", "redis", "ffmpeg" })
                Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
            Assert.Contains("2 nodes listening", checks.GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
            nodes.Add(health.RootElement.GetProperty("node").GetString()!);
        }
        Assert.Equal(2, nodes.Distinct().Count());
    }

    [Fact]
    public async Task ASessionStartedOnNodeA_IsJoinedAndDrivenAcrossNodes_AndAGoneNodesPresenterHandsOver()
    {
        var given = new Scenario(cluster.A.Services);
        var (projectId, shotId, director) = await given.ProjectAsync();
        var writer = await given.MemberAsync(projectId, director, "Wes Writer", ReviewRoom.Core.Projects.ProjectRole.Writer);
        var takeId = await given.TakeAsync(projectId, shotId);
        var onA = cluster.A.Services.GetRequiredService<SessionCommands>();
        var onB = cluster.B.Services.GetRequiredService<SessionCommands>();
        SessionPlayhead At(double position) => new($"/takes/{takeId}", position, false, 1, SessionCommands.ServerNowMs());
        var seatA = onA.NewSeatKey();
        var seatB = onB.NewSeatKey();
        var heardOnB = new ConcurrentQueue<SessionState>();
        using var listening = onB.Changed.Subscribe(state =>
        {
            if (state.ProjectId == projectId)
                heardOnB.Enqueue(state);
            return Task.CompletedTask;
        });

        // Started through A, joined through B: one session, seen the same on both.
        await onA.StartAsync(director.Principal, projectId, seatA);
        await Eventually.UntilAsync(() => onB.Current(projectId) is not null, "node B seeing the session", Patience);
        await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() => onB.StartAsync(writer.Principal, projectId, seatB));
        await onB.JoinAsync(writer.Principal, projectId, seatB);
        await Eventually.UntilAsync(() => onA.Current(projectId)?.Seats.Count == 2, "node A seeing the writer's seat", Patience);

        // The presenter on A drives; the follower's page on B hears it. A mark made on B reaches A.
        var marksOnA = new ConcurrentQueue<SessionMark>();
        using var marking = onA.Marks.Subscribe(mark =>
        {
            marksOnA.Enqueue(mark);
            return Task.CompletedTask;
        });
        await onA.MoveAsync(director.Principal, projectId, seatA, At(24));
        await Eventually.UntilAsync(() => onB.Current(projectId)?.Playhead?.Position == 24, "node B following to frame 24", Patience);
        await onB.MarkAsync(writer.Principal, projectId, seatB, SessionMarkKind.Laser, 0.25, 0.75, null, $"/takes/{takeId}");
        await Eventually.UntilAsync(() => marksOnA.Any(m => m.SeatKey == seatB && m.X == 0.25), "node A seeing the writer's pointer", Patience);

        // Both nodes change it at the same moment: no change is lost, both end on the same version.
        var before = onA.Current(projectId)!.Version;
        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 1; i <= 10; i++)
                    await onA.MoveAsync(director.Principal, projectId, seatA, At(100 + i));
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await onB.BreakAwayAsync(writer.Principal, projectId, seatB);
                    await onB.RejoinAsync(writer.Principal, projectId, seatB);
                }
            }));
        await Eventually.UntilAsync(() => onA.Current(projectId)?.Version == before + 20 && onB.Current(projectId)?.Version == before + 20, "both nodes at the same, last version", Patience);
        Assert.Equal(110, onB.Current(projectId)!.Playhead!.Position);
        // Pages on B heard of it too (they order what they hear by version).
        Assert.Equal(before + 20, heardOnB.Max(s => s.Version));

        // The session is handed to a page on a third node, which then goes: its seat leaves, and the longest follower presents.
        var ghost = ReviewRoom.Web.Features.Cluster.ClusterLink.Connect(new() { Configuration = cluster.Redis.Configuration }, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReviewRoom.Web.Features.Cluster.ClusterLink>.Instance);
        await using (ghost)
        {
            var ghostSeat = ReviewRoom.Web.Features.Cluster.RedisSessionKeeper.SeatPrefixOf(ghost.NodeId) + "tab";
            await onB.JoinAsync(writer.Principal, projectId, ghostSeat);
            await onA.HandOverAsync(director.Principal, projectId, seatA, ghostSeat);
            await Eventually.UntilAsync(() => onB.Current(projectId)?.Presenter?.Key == ghostSeat, "the ghost node's page presenting", Patience);
            ghost.Publish("presence", new { Kind = "bye" });
            await Eventually.UntilAsync(() => onA.Current(projectId) is { Seats.Count: 2 } state && state.Presenter?.Key == seatA, "the director presenting again on node A", Patience);
            await Eventually.UntilAsync(() => onB.Current(projectId)?.Presenter?.Key == seatA, "node B seeing the director present", Patience);
        }

        await onA.EndAsync(director.Principal, projectId, seatA);
        await Eventually.UntilAsync(() => onB.Current(projectId) is null, "node B seeing the session end", Patience);
    }

    /// <summary>Redis itself says both nodes listen for room events again: they have resubscribed, not only reconnected.</summary>
    private Task WaitUntilBothNodesAreBackAsync()
    {
        var link = cluster.A.Services.GetRequiredService<ReviewRoom.Web.Features.Cluster.ClusterLink>();
        return Eventually.UntilAsync(async () =>
        {
            try
            {
                return await link.ListenersAsync(ReviewRoom.Web.Features.Cluster.ClusterRoomEventBus.Channel) == 2;
            }
            catch (StackExchange.Redis.RedisException)
            {
                return false;
            }
        }, "both nodes listening on Redis again", Patience);
    }

    private async Task<RoomListener> ListenerAsync(Uri node, int person) =>
        await RoomListener.JoinAsync(await LivePerson.SignInAsync(node, DemoPeople.All[person].Email, DemoPeople.Password), await LastSequenceAsync());

    private async Task<NoteWriter> WriterAsync(Uri node) =>
        await NoteWriter.StartAsync(await LivePerson.SignInAsync(node, DemoPeople.All[Director].Email, DemoPeople.Password), await TakeIdAsync());

    private async Task<Guid> TakeIdAsync()
    {
        await using var db = await cluster.A.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh010_v001") && db.Shots.Any(s => s.Id == t.ShotId && s.ProjectId == DemoProject.Id))
            .Select(t => t.Id).SingleAsync();
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = await cluster.A.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Projects.Where(p => p.Id == DemoProject.Id).Select(p => p.LastEventSequence).SingleAsync();
    }
}
