using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Notes.Services;

namespace ReviewRoom.IntegrationTests.Data;

/// <summary>
/// Two ReviewRoom nodes on one PostgreSQL database, as a studio runs them: each has its own process-local writer, so only
/// the database can keep a project's event sequence gapless and a retried change single.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.AlwaysPostgreSql)]
public sealed class SharedDatabaseTests(SharedDatabaseTests.TwoNodes nodes) : IClassFixture<SharedDatabaseTests.TwoNodes>
{
    /// <summary>Both nodes, started once for the class: starting a node is the slow part, and the tests keep to their own rows.</summary>
    public sealed class TwoNodes : IDisposable
    {
        private readonly string _folder = ReviewRoomAppFactory.NewDataFolder();

        public TwoNodes()
        {
            var shared = TestDatabase.SharedPostgreSqlFor(_folder);
            // The test's webhook receiver listens on loopback, allowed by name as an on-premises pipeline would be.
            shared["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1";
            shared["Webhooks:FirstRetryDelay"] = "00:00:00.200";
            A = new ReviewRoomAppFactory(_folder, settings: shared);
            AddressOfA = A.StartOnFreePort();
            // Node B keeps no key folder in common with node A: only the database can give it A's keys.
            B = new ReviewRoomAppFactory(_folder, settings: new(shared) { ["DataProtection:KeysFolder"] = Path.Combine(_folder, "keys-of-node-b") });
            AddressOfB = B.StartOnFreePort();
        }

        public ReviewRoomAppFactory A { get; }
        public ReviewRoomAppFactory B { get; }
        public Uri AddressOfA { get; }
        public Uri AddressOfB { get; }

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
            ReviewRoomAppFactory.DeleteFolder(_folder);
        }
    }

    private ReviewRoomAppFactory NodeA => nodes.A;
    private ReviewRoomAppFactory NodeB => nodes.B;
    private Uri AddressOfA => nodes.AddressOfA;
    private Uri AddressOfB => nodes.AddressOfB;

    [Fact]
    public async Task NotesWrittenThroughTwoNodesAtOnce_TakeEverySequenceNumberOnce_InCommitOrder()
    {
        var (director, takeId) = await DirectorAndTakeAsync();
        var before = await LastSequenceAsync();

        const int perNode = 60;
        var writes = new[] { NodeA, NodeB }.SelectMany((node, n) => Enumerable.Range(0, perNode).Select(i =>
            node.Services.GetRequiredService<NoteCommands>().AddAsync(director, takeId, FrameRange.At(i), $"node {n} note {i}", null)));
        await Task.WhenAll(writes);

        await using var db = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var events = await db.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id && e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 2 * perNode).Select(i => before + i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(RoomEventTypes.NoteAdded, e.Type));
        Assert.Equal(2 * perNode, await db.Notes.CountAsync(n => n.TakeId == takeId && n.Body.StartsWith("node ")));
        // Commit order is sequence order: each event was stamped no earlier than the one before it.
        Assert.Equal(events.Select(e => e.OccurredAt).Order(), events.Select(e => e.OccurredAt));
    }

    [Fact]
    public async Task OneRetriedNote_SentToBothNodesAtOnce_IsStoredOnce()
    {
        var (director, takeId) = await DirectorAndTakeAsync();
        var key = $"retry-{Guid.NewGuid():N}";

        var both = await Task.WhenAll(new[] { NodeA, NodeB }.SelectMany(node => Enumerable.Range(0, 4).Select(_ =>
            node.Services.GetRequiredService<NoteCommands>().AddAsync(director, takeId, FrameRange.At(5), "said once", key))));

        Assert.Single(both.Select(n => n.Id).Distinct());
        await using var db = await NodeB.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Notes.CountAsync(n => n.TakeId == takeId && n.Body == "said once"));
    }

    [Fact]
    public async Task ASignInOnOneNode_IsReadByTheOther()
    {
        await using var signedInOnA = await LivePerson.SignInAsync(AddressOfA, DemoPeople.All[0].Email, DemoPeople.Password);
        using var onB = new HttpClient { BaseAddress = AddressOfB };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
        request.Headers.Add("Cookie", signedInOnA.CookieHeader);
        using var response = await onB.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoProject.Name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestJobs_WithTwoNodesCompeting_EachBecomeOneTake()
    {
        var jobs = new List<Guid>();
        for (var i = 0; i < 4; i++)
            jobs.Add(await Ingest.IngestQueueTests.PlantJobAsync(i % 2 == 0 ? NodeA : NodeB, "vp9.webm"));
        NodeA.Services.GetRequiredService<ReviewRoom.Web.Features.Ingest.IngestSignal>().Wake();
        NodeB.Services.GetRequiredService<ReviewRoom.Web.Features.Ingest.IngestSignal>().Wake();

        await using var db = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        await Eventually.UntilAsync(async () => await db.IngestJobs.AsNoTracking().CountAsync(j => jobs.Contains(j.Id) && j.State == ReviewRoom.Core.Ingest.IngestJobState.Succeeded) == jobs.Count,
            "every job done", TimeSpan.FromMinutes(2));
        var finished = await db.IngestJobs.AsNoTracking().Where(j => jobs.Contains(j.Id)).ToListAsync();
        Assert.All(finished, j => Assert.Equal(1, j.Attempts));
        var ingested = await db.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id && e.Type == RoomEventTypes.TakeIngested).ToListAsync();
        Assert.Equal(jobs.Count, ingested.Count(e => jobs.Any(job => e.PayloadJson.Contains(job.ToString(), StringComparison.Ordinal))));
        var takeIds = finished.Select(j => j.TakeId).ToList();
        Assert.Equal(jobs.Count, takeIds.Distinct().Count());
        Assert.Equal(jobs.Count, await db.Takes.CountAsync(t => takeIds.Contains(t.Id)));
    }

    [Fact]
    public async Task WebhookDeliveries_WithTwoNodesDispatching_AreSentOncePerAttempt()
    {
        var (director, takeId) = await DirectorAndTakeAsync();
        await using var receiver = await DeliveryCounter.StartAsync();
        var hook = await NoteHookAsync(director, receiver, "whsec_two_nodes_0123456789");
        const int notes = 12;
        for (var i = 0; i < notes; i++)
            await (i % 2 == 0 ? NodeA : NodeB).Services.GetRequiredService<NoteCommands>().AddAsync(director, takeId, FrameRange.At(i), $"hook note {i}", null);

        await using var db = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        try
        {
            await Eventually.UntilAsync(async () => await db.WebhookDeliveries.AsNoTracking().CountAsync(d => d.WebhookId == hook.Id && d.State == ReviewRoom.Core.Integrations.WebhookDeliveryState.Delivered) == notes,
                "every delivery recorded", TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException timeout)
        {
            // Where each delivery stood, so that a failure says which step stalled: never made, not sent, or not recorded.
            var stood = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == hook.Id).ToListAsync();
            throw new TimeoutException($"{timeout.Message} {stood.Count} deliveries made, the receiver got {receiver.Received.Count}: "
                + string.Join("; ", stood.Select(d => $"{d.State} after {d.Attempts} attempts, lease {d.LeaseExpiresAt:HH:mm:ss.fff}, next {d.NextAttemptAt:HH:mm:ss.fff}, {d.LastError}")), timeout);
        }
        Assert.Equal(notes, await db.WebhookDeliveries.CountAsync(d => d.WebhookId == hook.Id));
        Assert.Equal(notes, receiver.Received.Count);
        Assert.Equal(notes, receiver.Received.Distinct().Count());
    }

    [Fact]
    public async Task ARoomEventCommittedAfterALaterOne_StillReachesTheWebhooks()
    {
        var (director, takeId) = await DirectorAndTakeAsync();
        await using var receiver = await DeliveryCounter.StartAsync();
        var hook = await NoteHookAsync(director, receiver, "whsec_late_commit_0123456789");
        await NodeA.Services.GetRequiredService<NoteCommands>().AddAsync(director, takeId, FrameRange.At(1), "first note", null);
        await using var db = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        await Eventually.UntilAsync(async () => await DeliveredAsync(db, hook.Id) == 1, "the first note's delivery", TimeSpan.FromMinutes(1));
        var (otherProject, otherShot, otherDirector) = await new Scenario(NodeB.Services).ProjectAsync();
        var otherTake = await new Scenario(NodeB.Services).TakeAsync(otherProject, otherShot);

        // A write on the demo project as the writer makes one (row lock, numbered event, insert), held before its commit:
        // its event id is taken, and a write on another project commits a higher id first.
        await using var slow = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        await using var transaction = await slow.Database.BeginTransactionAsync();
        var project = (await slow.Projects.FromSql($"SELECT * FROM \"Projects\" WHERE \"Id\" = {DemoProject.Id} FOR UPDATE").ToListAsync()).Single();
        var copied = await slow.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id && e.Type == RoomEventTypes.NoteAdded)
            .OrderByDescending(e => e.Sequence).FirstAsync();
        var late = new RoomEvent(DemoProject.Id, project.NextEventSequence(), copied.Type, copied.PayloadJson, copied.ActorUserId, null, DateTime.UtcNow);
        slow.RoomEvents.Add(late);
        await slow.SaveChangesAsync();
        await NodeB.Services.GetRequiredService<NoteCommands>().AddAsync(otherDirector.Principal, otherTake, FrameRange.At(2), "committed first", null);
        var dispatchers = new[] { NodeA, NodeB }.Select(node => node.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<ReviewRoom.Web.Features.Webhooks.WebhookDispatcher>().Single()).ToList();
        await Eventually.UntilAsync(() => dispatchers.Any(d => d.WaitingForEventId == late.Id), "a pass waiting for the held event", TimeSpan.FromMinutes(1));
        await transaction.CommitAsync();

        await Eventually.UntilAsync(async () => await DeliveredAsync(db, hook.Id) == 2, "the held note's delivery", TimeSpan.FromMinutes(1));
        Assert.Equal(2, receiver.Received.Distinct().Count());
        Assert.Contains(await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == hook.Id).Select(d => d.Body).ToListAsync(),
            body => body.Contains($"\"sequence\":{late.Sequence}", StringComparison.Ordinal));
    }

    /// <summary>A webhook on the demo project for new notes, made through node A.</summary>
    private Task<ReviewRoom.Core.Integrations.Webhook> NoteHookAsync(ReviewRoom.Core.Projects.Actor director, DeliveryCounter receiver, string secret) =>
        NodeA.Services.GetRequiredService<ReviewRoom.Web.Features.Webhooks.WebhookCommands>().AddAsync(director, DemoProject.Id, receiver.Url,
            secret, [ReviewRoom.Core.Integrations.WebhookEvents.NoteCreated]);

    private static Task<int> DeliveredAsync(ReviewRoomDbContext db, Guid hookId) =>
        db.WebhookDeliveries.AsNoTracking().CountAsync(d => d.WebhookId == hookId && d.State == ReviewRoom.Core.Integrations.WebhookDeliveryState.Delivered);

    /// <summary>A webhook receiver that counts each delivery id it is sent.</summary>
    private sealed class DeliveryCounter : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _received = new();

        private DeliveryCounter(Microsoft.AspNetCore.Builder.WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/hook";

        public IReadOnlyList<string> Received => [.. _received];

        public static async Task<DeliveryCounter> StartAsync()
        {
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
            Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(builder.WebHost, "http://127.0.0.1:0");
            var app = builder.Build();
            var counter = new DeliveryCounter(app);
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/hook", (Microsoft.AspNetCore.Http.HttpRequest request) =>
            {
                counter._received.Enqueue(request.Headers["ReviewRoom-Delivery"].ToString());
                return Microsoft.AspNetCore.Http.Results.Ok();
            });
            await app.StartAsync();
            return counter;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private async Task<(ReviewRoom.Core.Projects.Actor Director, Guid TakeId)> DirectorAndTakeAsync()
    {
        await using var db = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var directorId = await db.Users.Where(u => u.Email == DemoPeople.All[0].Email).Select(u => u.Id).SingleAsync();
        var takeId = await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh020_v001")).Select(t => t.Id).SingleAsync();
        return (new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, directorId.ToString())], "test")).ToActor(), takeId);
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = await NodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.RoomEvents.Where(e => e.ProjectId == DemoProject.Id).MaxAsync(e => e.Sequence);
    }
}
