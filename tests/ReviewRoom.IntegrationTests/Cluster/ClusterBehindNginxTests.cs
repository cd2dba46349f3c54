using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Notes;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.IntegrationTests.Cluster;

/// <summary>
/// The cluster a newcomer starts with <c>src/scripts/cluster.sh</c>: nodes as processes of their own behind nginx, with
/// PostgreSQL and Redis. Clients of our own are pinned to one node or the other with nginx's stickiness cookie.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.AlwaysPostgreSql)]
public sealed class ClusterBehindNginxTests(ScriptedCluster cluster) : IClassFixture<ScriptedCluster>
{
    private const int Director = 0, WriterRole = 1, Producer = 3, Viewer = 4;

    [Fact]
    public async Task ANoteThroughNodeOne_ReachesSomeoneOnNodeTwo_ThroughNginx_InOrder()
    {
        await using var onTwo = await ListenerAsync(2, WriterRole);
        await using var writer = await WriterAsync(1);

        var written = await writer.PostAsync(30, "via nginx");

        await onTwo.WaitForAsync(written);
        onTwo.AssertInOrderOnce();
    }

    [Fact]
    public async Task ANodeKilledWhileNotesArePostedThroughIt_EveryAcknowledgedNoteIsStoredOnceAndReachesEveryone()
    {
        await using var onSurvivor = await ListenerAsync(2, WriterRole);
        await using var onVictim = await ListenerAsync(1, Producer);
        await using var writer = await WriterAsync(1);
        const int count = 40;
        var label = $"kill {Guid.NewGuid():N}";
        Task? kill = null;

        List<Guid> acknowledged;
        try
        {
            acknowledged = await writer.PostAsync(count, label, done =>
            {
                if (done == 15)
                    kill = Task.Run(() => cluster.KillNode(1));
            });
            await kill!;

            // The writer's connection died with its node; it came back through nginx to the other node and went on.
            Assert.True(writer.Reconnections >= 1, "the writer never noticed its node die");
            Assert.Equal(count, acknowledged.Distinct().Count());
            await using (var db = OpenDatabase())
            {
                var stored = await db.Notes.AsNoTracking().Where(n => n.Body.StartsWith(label)).Select(n => n.Body).ToListAsync();
                Assert.Equal(Enumerable.Range(0, count).Select(i => $"{label} {i}").Order(), stored.Order());
            }

            await onSurvivor.WaitForAsync(acknowledged);
            onSurvivor.AssertInOrderOnce();
            // The listener on the dead node lost its connection; it joins again (nginx sends it to the survivor) and catches up.
            await Eventually.UntilAsync(() => !onVictim.IsConnected, "the victim's listener disconnected", TimeSpan.FromSeconds(60));
            await onVictim.RejoinAsync();
            await onVictim.WaitForAsync(acknowledged);
            onVictim.AssertInOrderOnce();
        }
        finally
        {
            if (kill is not null)
            {
                await kill;
                cluster.StartNode(1);
            }
        }
    }

    [Fact]
    public async Task OneRetriedNote_SentThroughBothNodesAtOnce_IsStoredOnce()
    {
        var takeId = await TakeIdAsync();
        var people = await Task.WhenAll(Enumerable.Range(1, 2).Select(async node =>
            await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[Director].Email, DemoPeople.Password, [await cluster.StickyCookieForAsync(node)])));
        var connections = new List<HubConnection>();
        try
        {
            foreach (var person in people)
                connections.Add(await RoomListener.ConnectAsync(person, _ => { }, _ => { }));
            var key = $"retry-{Guid.NewGuid():N}";
            var request = new AddNoteRequest(takeId, 12, null, $"said once {key}", key);

            var notes = await Task.WhenAll(connections.SelectMany(c => Enumerable.Range(0, 3).Select(_ => c.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), request))));

            Assert.Single(notes.Select(n => n.Id).Distinct());
            await using var db = OpenDatabase();
            Assert.Equal(1, await db.Notes.CountAsync(n => n.Body == request.Body));
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
            foreach (var person in people)
                await person.DisposeAsync();
        }
    }

    [Fact]
    public async Task ThroughNginx_TheServerStillDecidesWhoMayDoWhat()
    {
        using var anonymous = new HttpClient { BaseAddress = cluster.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/projects", UriKind.Relative))).StatusCode);
        await using (var nobody = LivePerson.CreateHubConnection(cluster.Address, cookieHeader: null))
            await Assert.ThrowsAnyAsync<Exception>(() => nobody.StartAsync());

        // A viewer may watch but not write, on whichever node they land.
        foreach (var node in new[] { 1, 2 })
        {
            await using var viewer = await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[Viewer].Email, DemoPeople.Password, [await cluster.StickyCookieForAsync(node)]);
            await using var connection = await RoomListener.ConnectAsync(viewer, _ => { }, _ => { });
            var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
                connection.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(Guid.Empty, 0, null, "not allowed", null)));
            Assert.DoesNotContain("connection", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        // nginx passes the browser's Host on, so a page of ReviewRoom's own may act and another site's may not.
        await using var director = await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[Director].Email, DemoPeople.Password);
        foreach (var (origin, expected) in new[] { (cluster.Address.GetLeftPart(UriPartial.Authority), HttpStatusCode.NoContent), ("https://elsewhere.example", HttpStatusCode.Forbidden) })
        {
            // Signing in again carries the sign-in cookie, so it is what a forged cross-site form would try.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session")
            {
                Content = JsonContent.Create(new { email = DemoPeople.All[Director].Email, password = DemoPeople.Password }),
            };
            request.Headers.Add("Origin", origin);
            using var response = await director.Http.SendAsync(request);
            Assert.True(response.StatusCode == expected, $"{origin}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryNode_ReportsItsDatabaseRedisAndFfmpeg_AndNginxSpreadsNewVisitors()
    {
        var names = new HashSet<string>();
        for (var node = 1; node <= cluster.Nodes; node++)
        {
            using var http = new HttpClient();
            var health = await http.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri(cluster.AddressOfNode(node), "/health"));
            Assert.Equal("Healthy", health.GetProperty("status").GetString());
            foreach (var check in new[] { "database", "redis", "ffmpeg" })
                Assert.Equal("Healthy", health.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
            names.Add(health.GetProperty("node").GetString()!);
        }
        Assert.Equal(cluster.Nodes, names.Count);

        // New visitors without the cookie are spread over the nodes; each is given a cookie that keeps them on theirs.
        var landed = new HashSet<string>();
        for (var i = 0; i < 20 && landed.Count < cluster.Nodes; i++)
        {
            using var visitor = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = cluster.Address };
            var first = (await visitor.GetFromJsonAsync<System.Text.Json.JsonElement>("/health")).GetProperty("node").GetString()!;
            for (var again = 0; again < 3; again++)
                Assert.Equal(first, (await visitor.GetFromJsonAsync<System.Text.Json.JsonElement>("/health")).GetProperty("node").GetString());
            landed.Add(first);
        }
        Assert.Equal(names, landed);
    }

    private async Task<RoomListener> ListenerAsync(int node, int person) =>
        await RoomListener.JoinAsync(
            await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[person].Email, DemoPeople.Password, [await cluster.StickyCookieForAsync(node)]),
            await LastSequenceAsync());

    private async Task<NoteWriter> WriterAsync(int node) =>
        await NoteWriter.StartAsync(
            await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[Director].Email, DemoPeople.Password, [await cluster.StickyCookieForAsync(node)]),
            await TakeIdAsync());

    private ReviewRoomDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<ReviewRoomDbContext>();
        DataServiceCollectionExtensions.ConfigureProvider(options, new DatabaseOptions { Provider = DatabaseProviders.PostgreSql, ConnectionString = cluster.DatabaseConnectionString }, Repository.Root);
        return new ReviewRoomDbContext(options.Options);
    }

    private async Task<Guid> TakeIdAsync()
    {
        await using var db = OpenDatabase();
        return await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh010_v001")).Select(t => t.Id).SingleAsync();
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = OpenDatabase();
        return await db.Projects.Where(p => p.Id == DemoProject.Id).Select(p => p.LastEventSequence).SingleAsync();
    }
}
