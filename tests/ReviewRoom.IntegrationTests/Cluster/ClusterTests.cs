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
        return await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh010_v001")).Select(t => t.Id).SingleAsync();
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = await cluster.A.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Projects.Where(p => p.Id == DemoProject.Id).Select(p => p.LastEventSequence).SingleAsync();
    }
}
