using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Ingest;

namespace ReviewRoom.Web.Features.Webhooks;

/// <summary>
/// Reads the room-event log from where it last stopped (a cursor kept in the database, so nothing is
/// missed across a restart), turns events into deliveries for the webhooks that want them, and sends
/// due deliveries, signed, retrying with growing waits.
/// </summary>
internal sealed class WebhookDispatcher(
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    RoomWriter writer,
    WebhookPayloads payloads,
    IRoomEventBus bus,
    WebhookSignal signal,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const string CursorName = "webhooks";
    private const int BatchSize = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(15);
    /// <summary>How much longer than the receiver's time limit a node holds an attempt before another may take it.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = RoomEventCatalog.Json;

    /// <summary>
    /// While notes pour in, passes start at most this often: each pass reads the log, the hooks and the due deliveries,
    /// and a pass per note would put that on every note's way.
    /// </summary>
    private static readonly TimeSpan PassSpacing = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an event id may stay missing on a shared database before the log is read past it: far longer than any
    /// write takes from its insert to its commit, and short enough that a rolled-back write holds webhooks up briefly.
    /// </summary>
    private static readonly TimeSpan SharedDatabaseGapSettle = TimeSpan.FromSeconds(30);

    /// <summary>While the log is held at a missing id, passes come this often, so held events go out soon after it commits.</summary>
    private static readonly TimeSpan GapRecheck = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the cursor may stay behind events that made no delivery. Moving it is a write, and on SQLite every write
    /// queues with the room's own: a pass per burst of notes in a project without webhooks would put that write in the
    /// way of the next note. Reading those events again costs only the read.
    /// </summary>
    private static readonly TimeSpan IdleCursorInterval = TimeSpan.FromSeconds(10);

    private EventLogGaps? _gaps;
    private long _cursorMovedAt;

    /// <summary>The room-event id this node's passes are waiting for (committed out of order on a shared database), if any.</summary>
    internal long? WaitingForEventId => _gaps?.WaitingFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The node that wrote an event wakes for it; another node's idle poll covers a writer that died first.
        using var subscription = bus.SubscribeWrittenHere(_ =>
        {
            signal.Wake();
            return Task.CompletedTask;
        });
        var sinceLastPass = new System.Diagnostics.Stopwatch();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                sinceLastPass.Restart();
                while (await DispatchNewEventsAsync(stoppingToken) == BatchSize)
                {
                }
                await SendDueAsync(stoppingToken);
                var idle = await DelayUntilNextDueAsync(stoppingToken);
                await signal.WaitAsync(WaitingForEventId is null || idle < GapRecheck ? idle : GapRecheck, stoppingToken);
                if (sinceLastPass.Elapsed < PassSpacing)
                    await Task.Delay(PassSpacing - sinceLastPass.Elapsed, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Webhook dispatch failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Turns the next batch of room events into deliveries and moves the cursor, in one transaction.</summary>
    private async Task<int> DispatchNewEventsAsync(CancellationToken cancellationToken)
    {
        await using var read = await contextFactory.CreateDbContextAsync(cancellationToken);
        var cursor = await read.EventLogCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Name == CursorName, cancellationToken);
        if (cursor is null)
        {
            // A new installation starts from now: webhooks made today do not receive last year's events. But a webhook
            // made before this first pass (a node still starting while someone is already at work) has every event
            // since it was made: the read of the latest comes first, so a webhook made after it finds its events after it.
            var latest = await read.RoomEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            var oldestHook = await read.Webhooks.AsNoTracking().MinAsync(w => (DateTime?)w.CreatedAt, cancellationToken);
            if (oldestHook is { } madeAt)
                latest = await read.RoomEvents.Where(e => e.Id <= latest && e.OccurredAt < madeAt).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            await writer.WriteQuietlyAsync((db, _) =>
            {
                var created = new EventLogCursor(CursorName);
                created.MoveTo(latest);
                db.EventLogCursors.Add(created);
                return Task.CompletedTask;
            }, cancellationToken);
            return 0;
        }

        // Always from the stored cursor: another node may have moved it, and events it has not passed must be read
        // with the webhooks as they are now, never skipped on one node's memory.
        var events = await read.RoomEvents.AsNoTracking().Where(e => e.Id > cursor.LastRoomEventId).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        var gaps = _gaps ??= GapsFor(read);
        var readable = gaps.CountReadable(events.ConvertAll(e => e.Id), cursor.LastRoomEventId);
        if (readable == 0)
            return 0;
        events = events[..readable];
        var projectIds = events.Select(e => e.ProjectId).Distinct().ToList();
        var hooks = await read.Webhooks.AsNoTracking().Where(w => projectIds.Contains(w.ProjectId) && w.IsActive).ToListAsync(cancellationToken);
        // A webhook hears what happened after it was added, never before: when the log is read late (a node starting,
        // a pass held at a missing id), a hook added in the meantime must not be sent the events before its own
        // "webhook.added", which sits in the log after them.
        var addedAt = hooks.Count == 0 ? [] : (await read.RoomEvents.AsNoTracking()
                .Where(e => e.Id > cursor.LastRoomEventId && e.Type == RoomEventTypes.WebhookAdded && projectIds.Contains(e.ProjectId))
                .ToListAsync(cancellationToken))
            .Select(e => (e.Id, Added: RoomEventCatalog.ReadAs<WebhookAdded>(e)))
            .Where(a => a.Added is not null)
            .ToDictionary(a => a.Added!.WebhookId, a => a.Id);

        var deliveries = new List<WebhookDelivery>();
        foreach (var roomEvent in events)
        {
            var forProject = hooks.Where(h => h.ProjectId == roomEvent.ProjectId && (!addedAt.TryGetValue(h.Id, out var added) || roomEvent.Id > added)).ToList();
            if (forProject.Count == 0)
                continue;
            foreach (var envelope in await payloads.FromAsync(roomEvent, cancellationToken))
            {
                var body = JsonSerializer.Serialize(envelope, Json);
                deliveries.AddRange(forProject.Where(h => h.Wants(envelope.Type))
                    .Select(h => new WebhookDelivery(h.Id, h.ProjectId, envelope.Type, body, clock.GetUtcNow().UtcDateTime)));
            }
        }
        if (deliveries.Count == 0 && events.Count < BatchSize && clock.GetElapsedTime(_cursorMovedAt) < IdleCursorInterval)
            return 0;
        _cursorMovedAt = clock.GetTimestamp();
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                var tracked = await db.EventLogCursors.SingleAsync(c => c.Name == CursorName, ct);
                // Another node sharing the database got here first and made these deliveries.
                if (tracked.LastRoomEventId != cursor.LastRoomEventId)
                    return;
                tracked.MoveTo(events[^1].Id);
                db.WebhookDeliveries.AddRange(deliveries);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node moved the cursor between our read and our write: its deliveries stand, ours are dropped.
        }
        return events.Count;
    }

    private EventLogGaps GapsFor(ReviewRoomDbContext db) =>
        new(db.Database.IsNpgsql() ? SharedDatabaseGapSettle : TimeSpan.Zero, clock, id =>
            logger.LogWarning("Room event {Id} never appeared in the log after {Settle}; webhooks go on past it (a write that rolled back, or a deleted project's)",
                id, SharedDatabaseGapSettle));

    /// <summary>Takes the next attempt of a delivery for this node; false when it is no longer due or another node took it.</summary>
    private async Task<bool> ClaimAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var claimed = false;
        try
        {
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct) is { } delivery && delivery.IsDue(now))
                {
                    delivery.Claim(now, options.Value.Timeout + LeaseMargin);
                    claimed = true;
                }
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            claimed = false;
        }
        return claimed;
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await using var read = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await (from delivery in read.WebhookDeliveries.AsNoTracking()
                         join hook in read.Webhooks.AsNoTracking() on delivery.WebhookId equals hook.Id
                         where delivery.State == WebhookDeliveryState.Pending && delivery.NextAttemptAt <= now
                             && (delivery.LeaseExpiresAt == null || delivery.LeaseExpiresAt < now)
                         orderby delivery.CreatedAt
                         select new { delivery.Id, delivery.EventType, delivery.Body, hook.Url, hook.Secret }).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            if (!await ClaimAsync(item.Id, cancellationToken))
                continue;
            var (status, error) = await PostAsync(item.Id, item.EventType, item.Body, item.Url, item.Secret, cancellationToken);
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == item.Id, ct);
                if (error is null)
                    delivery.Succeed(status!.Value, clock.GetUtcNow().UtcDateTime);
                else
                    delivery.Fail(status, error, options.Value.FirstRetryDelay, clock.GetUtcNow().UtcDateTime);
            }, cancellationToken);
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(Guid deliveryId, string eventType, string body, string url, string secret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ReviewRoom-Event", eventType);
        request.Headers.Add("ReviewRoom-Delivery", deliveryId.ToString());
        request.Headers.Add("ReviewRoom-Signature", Webhook.Sign(secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.UserAgent.ParseAdd("ReviewRoom-Webhooks/1");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (status, null) : (status, $"The receiver answered {status} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Value.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex) when (FindDestinationRefusal(ex) is { } refusal)
        {
            return (null, refusal.Message);
        }
        catch (HttpRequestException ex)
        {
            // Socket and TLS details stay in the log: the delivery log is read by project members.
            logger.LogInformation(ex, "Webhook delivery {DeliveryId} could not reach its receiver", deliveryId);
            return (null, ex.HttpRequestError switch
            {
                HttpRequestError.SecureConnectionError => "The receiver's TLS certificate or handshake was not accepted.",
                HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "The receiver closed the connection without a valid answer.",
                _ => "Could not connect to the receiver.",
            });
        }
    }

    private static WebhookDestinationException? FindDestinationRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is WebhookDestinationException refusal)
                return refusal;
        return null;
    }

    private async Task<TimeSpan> DelayUntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var next = await db.WebhookDeliveries.Where(d => d.State == WebhookDeliveryState.Pending)
            .OrderBy(d => d.NextAttemptAt).Select(d => (DateTime?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
            return IdlePoll;
        var wait = next.Value - clock.GetUtcNow().UtcDateTime;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(20) : wait < IdlePoll ? wait : IdlePoll;
    }
}

/// <summary>Wakes the dispatcher when there is a new room event or a delivery to send again.</summary>
public sealed class WebhookSignal : Hosting.WakeSignal;
