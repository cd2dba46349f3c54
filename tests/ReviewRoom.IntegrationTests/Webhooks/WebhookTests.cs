using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Webhooks;

namespace ReviewRoom.IntegrationTests.Webhooks;

/// <summary>A pipeline's receiver, written here from the documented signature scheme, hears what the room decides.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "whsec_test_secret_0123456789";
    // The test's receiver runs on loopback, as an on-premises pipeline would on its own network: allowed by name.
    private readonly ReviewRoomAppFactory _app = new(settings: new()
    {
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1",
    });
    private readonly Receiver _receiver = new();

    public async Task InitializeAsync()
    {
        _app.CreateClient().Dispose();
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task ChangesRequested_ReachesAReceiverThatFailsTwice_SignedWithTheOpenNotes_AndTheLogShowsTheRetries()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var takeId = await FirstTakeAsync();
        _receiver.FailNext = 2;
        var hook = await Services<WebhookCommands>().AddAsync(director, DemoProject.Id, _receiver.Url, Secret,
            [WebhookEvents.NoteCreated, WebhookEvents.TakeChangesRequested]);

        await Services<NoteCommands>().AddAsync(director, takeId, FrameRange.At(12), "The lantern **flickers** here", null);
        await Services<DecisionCommands>().DecideAsync(director, takeId, DecisionKind.NeedsChanges, null, null);

        // The two refusals may fall on either delivery (a slow machine retries the note before the decision exists),
        // so the order of the successes is not fixed: wait for both.
        await Eventually.UntilAsync(() => _receiver.Accepted.Any(r => r.Event == WebhookEvents.TakeChangesRequested)
            && _receiver.Accepted.Any(r => r.Event == WebhookEvents.NoteCreated), "the changes-requested and note deliveries", TimeSpan.FromSeconds(30));
        var changes = _receiver.Accepted.First(r => r.Event == WebhookEvents.TakeChangesRequested);
        Assert.True(changes.SignatureValid, "the signature verifies with the shared secret");
        using var body = JsonDocument.Parse(changes.Body);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("changes_requested", data.GetProperty("status").GetString());
        Assert.Equal(takeId, data.GetProperty("take").GetProperty("takeId").GetGuid());
        var note = Assert.Single(data.GetProperty("openNotes").EnumerateArray());
        Assert.Equal("The lantern **flickers** here", note.GetProperty("body").GetString());
        Assert.Equal(12, note.GetProperty("frameIn").GetInt64());
        Assert.Contains(_receiver.Accepted, r => r.Event == WebhookEvents.NoteCreated && r.SignatureValid);

        // The receiver answers before the dispatcher records the success.
        List<WebhookDelivery> deliveries = [];
        await Eventually.UntilAsync(async () =>
        {
            await using var db = await Services<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
            deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == hook.Id).ToListAsync();
            return deliveries.Count > 0 && deliveries.All(d => d.State == WebhookDeliveryState.Delivered);
        }, "every delivery recorded as delivered");
        Assert.Equal(2 + deliveries.Count, deliveries.Sum(d => d.Attempts)); // two refused attempts, then one success each
        Assert.Equal(2, _receiver.Refused);
    }

    [Fact]
    public async Task AWebhookMadeBeforeTheDispatchersFirstPass_StillReceivesEveryEventSinceItWasMade()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var takeId = await FirstTakeAsync();
        // As on a fresh installation whose node is still starting: the log has events, the dispatcher has no place in
        // it yet and has not made its first pass when someone adds a webhook and writes notes.
        var dispatcher = await StopDispatcherAsync();
        await using (var db = await Services<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync())
            await db.EventLogCursors.Where(c => c.Name == "webhooks").ExecuteDeleteAsync();
        await Services<WebhookCommands>().AddAsync(director, DemoProject.Id, _receiver.Url, Secret, [WebhookEvents.NoteCreated]);
        for (var i = 0; i < 3; i++)
            await Services<NoteCommands>().AddAsync(director, takeId, FrameRange.At(i), $"before the first pass {i}", null);
        await dispatcher.StartAsync(CancellationToken.None);

        await Eventually.UntilAsync(() => _receiver.Accepted.Count(r => r.Body.Contains("before the first pass", StringComparison.Ordinal)) == 3,
            "all three notes delivered", TimeSpan.FromSeconds(30));
        Assert.Equal(3, _receiver.Accepted.Select(r => r.Body).Distinct().Count());
    }

    [Fact]
    public async Task AWebhookAddedWhileTheLogIsReadLate_ReceivesOnlyWhatHappenedAfterIt()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var takeId = await FirstTakeAsync();
        // A node behind in the log (restarting, or waiting on an event another node has yet to commit): notes written
        // before the hook was added are still unread when it is.
        var dispatcher = await StopDispatcherAsync();
        for (var i = 0; i < 3; i++)
            await Services<NoteCommands>().AddAsync(director, takeId, FrameRange.At(i), $"before the hook {i}", null);
        var hook = await Services<WebhookCommands>().AddAsync(director, DemoProject.Id, _receiver.Url, Secret, [WebhookEvents.NoteCreated]);
        for (var i = 0; i < 2; i++)
            await Services<NoteCommands>().AddAsync(director, takeId, FrameRange.At(i), $"after the hook {i}", null);
        await dispatcher.StartAsync(CancellationToken.None);

        await Eventually.UntilAsync(() => _receiver.Accepted.Count(r => r.Body.Contains("after the hook", StringComparison.Ordinal)) == 2,
            "both later notes delivered", TimeSpan.FromSeconds(30));
        await using var db = await Services<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.WebhookDeliveries.CountAsync(d => d.WebhookId == hook.Id));
        Assert.DoesNotContain(_receiver.Accepted, r => r.Body.Contains("before the hook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedOrStaleSignature_IsCaughtByTheReceiversCheck()
    {
        var body = """{"type":"take.approved"}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.True(Receiver.Verify(Webhook.Sign(Secret, now, body), body, Secret));
        Assert.False(Receiver.Verify(Webhook.Sign("another-secret-entirely", now, body), body, Secret));
        Assert.False(Receiver.Verify(Webhook.Sign(Secret, now, body), body + " ", Secret));
        Assert.False(Receiver.Verify(Webhook.Sign(Secret, now - 3600, body), body, Secret));
    }

    [Fact]
    public async Task Redeliver_SendsTheSameBodyAgain()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var takeId = await FirstTakeAsync();
        await Services<WebhookCommands>().AddAsync(director, DemoProject.Id, _receiver.Url, Secret, [WebhookEvents.TakeDecision]);
        await Services<DecisionCommands>().DecideAsync(director, takeId, DecisionKind.Approve, "lovely", null);
        await Eventually.UntilAsync(() => _receiver.Accepted.Count == 1, "the first delivery");

        Guid deliveryId;
        await using (var db = await Services<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync())
            deliveryId = (await db.WebhookDeliveries.SingleAsync()).Id;
        await Services<WebhookCommands>().RedeliverAsync(director, DemoProject.Id, deliveryId);

        await Eventually.UntilAsync(() => _receiver.Accepted.Count == 2, "the redelivery");
        Assert.Equal(_receiver.Accepted[0].Body, _receiver.Accepted[1].Body);
    }

    [Fact]
    public async Task AnAttemptClaimedFromAReadOlderThanAnotherNodesWholeAttempt_IsRefused()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var hook = await Services<WebhookCommands>().AddAsync(director, DemoProject.Id, _receiver.Url, Secret, [WebhookEvents.NoteCreated]);
        // Due an hour from now, so this app's own dispatcher leaves it to the two nodes played below.
        var due = DateTime.UtcNow.AddHours(1);
        var delivery = new WebhookDelivery(hook.Id, DemoProject.Id, WebhookEvents.NoteCreated, "{}", due);
        var contexts = Services<IDbContextFactory<ReviewRoomDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync();
        }

        // One node reads the delivery; before it claims, another node claims, sends and records the whole attempt.
        await using var slowNode = await contexts.CreateDbContextAsync();
        var slowCopy = await slowNode.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id);
        await using (var quickNode = await contexts.CreateDbContextAsync())
        {
            var quickCopy = await quickNode.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id);
            quickCopy.Claim(due, TimeSpan.FromSeconds(40));
            await quickNode.SaveChangesAsync();
            quickCopy.Succeed(200, due.AddSeconds(1));
            await quickNode.SaveChangesAsync();
        }

        // Its lease is empty again, as the slow node read it: only the attempt count tells the slow node it is late.
        slowCopy.Claim(due.AddSeconds(2), TimeSpan.FromSeconds(40));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => slowNode.SaveChangesAsync());
        await using var check = await contexts.CreateDbContextAsync();
        var stored = await check.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == delivery.Id);
        Assert.Equal((WebhookDeliveryState.Delivered, 1, (DateTime?)null), (stored.State, stored.Attempts, stored.LeaseExpiresAt));
    }

    [Fact]
    public async Task AddingAWebhook_AsAWriterOrWithABadUrl_IsRefused()
    {
        var writer = await MemberAsync(ProjectRole.Writer);
        var director = await MemberAsync(ProjectRole.Director);

        await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() =>
            Services<WebhookCommands>().AddAsync(writer, DemoProject.Id, _receiver.Url, Secret, [WebhookEvents.TakeApproved]));
        var bad = await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() =>
            Services<WebhookCommands>().AddAsync(director, DemoProject.Id, "ftp://example.com/hook", Secret, [WebhookEvents.TakeApproved]));
        Assert.Contains("https://", bad.Message);
    }

    private T Services<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Stops the webhook dispatcher, so the test decides when it reads the log again (its StartAsync).</summary>
    private async Task<Microsoft.Extensions.Hosting.IHostedService> StopDispatcherAsync()
    {
        var dispatcher = Services<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>().OfType<WebhookDispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        return dispatcher;
    }

    private async Task<Guid> FirstTakeAsync()
    {
        await using var db = await Services<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh030_v001")).Select(t => t.Id).SingleAsync();
    }

    private Task<Actor> MemberAsync(ProjectRole role) => _app.DemoMemberAsync(role);

    /// <summary>A webhook receiver as a pipeline would write one: check the signature, then act; it can be told to fail.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private WebApplication? _app;

        public string Url { get; private set; } = "";
        public int FailNext { get; set; }
        public int Refused { get; private set; }
        private readonly List<(string Event, string Body, bool SignatureValid)> _accepted = [];

        /// <summary>A copy: the dispatcher may deliver while a test reads.</summary>
        public IReadOnlyList<(string Event, string Body, bool SignatureValid)> Accepted
        {
            get
            {
                lock (_accepted)
                    return [.. _accepted];
            }
        }

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                lock (_accepted)
                {
                    if (FailNext > 0)
                    {
                        FailNext--;
                        Refused++;
                        return Results.StatusCode(503);
                    }
                    _accepted.Add((request.Headers["ReviewRoom-Event"].ToString(), body, Verify(request.Headers["ReviewRoom-Signature"].ToString(), body, Secret)));
                }
                return Results.Ok();
            });
            await _app.StartAsync();
            Url = _app.Urls.First() + "/hook";
        }

        /// <summary>"t=UNIX,v1=HEX": recompute HMAC-SHA256 over "UNIX.BODY", compare in constant time, refuse anything over five minutes old.</summary>
        public static bool Verify(string header, string body, string secret)
        {
            var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
                return false;
            if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - unix) > 300)
                return false;
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
                await _app.DisposeAsync();
        }
    }
}
