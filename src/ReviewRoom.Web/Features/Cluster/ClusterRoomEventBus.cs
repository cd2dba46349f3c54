using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// Room events on a node that shares its database with others. Each node keeps, per project, the last sequence it
/// handed to its own subscribers (pages, hub connections) and hands them every later event exactly once, in sequence
/// order, whichever node wrote it. Redis carries other nodes' events at once; whatever it did not carry (a restart, a
/// dropped message, a node that died before telling anyone) is read from the outbox when a later event shows the gap,
/// and by a sweep every <see cref="ClusterOptions.SweepInterval"/>.
/// </summary>
public sealed class ClusterRoomEventBus : IRoomEventBus, IHostedService, IAsyncDisposable
{
    public const string Channel = "room-events";
    private const int ReadBatch = 500;

    private readonly InMemoryRoomEventBus _here;
    private readonly Feed<RoomEvent> _writtenHere;
    private readonly ClusterLink _link;
    private readonly IDbContextFactory<ReviewRoomDbContext> _contexts;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ClusterRoomEventBus> _logger;
    private readonly ConcurrentDictionary<Guid, Stream> _streams = new();
    private readonly CancellationTokenSource _stopping = new();
    private IAsyncDisposable? _subscription;
    private IDisposable? _reconnected;
    private Task _sweeper = Task.CompletedTask;
    private int _disposed;

    public ClusterRoomEventBus(ClusterLink link, IDbContextFactory<ReviewRoomDbContext> contexts, IOptions<ClusterOptions> options, TimeProvider clock, ILogger<ClusterRoomEventBus> logger)
    {
        _link = link;
        _contexts = contexts;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        void Failed(Exception ex, RoomEvent e) => logger.LogWarning(ex, "A subscriber to project {Project} failed on event {Sequence} ({Type}); the others received it", e.ProjectId, e.Sequence, e.Type);
        _here = new InMemoryRoomEventBus(Failed);
        _writtenHere = new Feed<RoomEvent>(Failed);
    }

    /// <summary>Called by the writer after each commit: tells the other nodes, then this node's subscribers.</summary>
    public async ValueTask PublishAsync(RoomEvent roomEvent, CancellationToken cancellationToken = default)
    {
        _link.Publish(Channel, RoomEventWire.From(roomEvent));
        await OfferAsync(roomEvent);
        await _writtenHere.PublishAsync(roomEvent, cancellationToken);
    }

    public IDisposable Subscribe(Guid projectId, Func<RoomEvent, Task> handler) => _here.Subscribe(projectId, handler);

    public IDisposable SubscribeAll(Func<RoomEvent, Task> handler) => _here.SubscribeAll(handler);

    public IDisposable SubscribeWrittenHere(Func<RoomEvent, Task> handler) => _writtenHere.Subscribe(handler);

    /// <summary>
    /// Learns where every project stands before anyone can subscribe, so a page that loaded a room at sequence 8 is
    /// handed 9 even if 9 reaches this node only through the outbox. A project created later starts from nothing.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (projectId, last) in await LastSequencesAsync(cancellationToken))
            _streams.TryAdd(projectId, new Stream(last));
        _subscription = await _link.SubscribeAsync<RoomEventWire>(Channel, (_, wire) =>
        {
            OfferInTurn(wire.ToRoomEvent());
            return Task.CompletedTask;
        });
        _reconnected = _link.Reconnected.Subscribe(_ => SweepAsync(_stopping.Token));
        _sweeper = SweepEveryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _reconnected?.Dispose();
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
            await subscription.DisposeAsync();
        await _sweeper.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Once, though the container holds this bus under three names.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    /// <summary>
    /// Queues an event heard from Redis behind its project's earlier ones, without holding up other projects' events:
    /// one room's slow page must not delay every other room on this node.
    /// </summary>
    private void OfferInTurn(RoomEvent roomEvent)
    {
        var stream = _streams.GetOrAdd(roomEvent.ProjectId, _ => new Stream(0));
        lock (stream)
        {
            stream.Heard = stream.Heard.ContinueWith(async _ =>
            {
                try
                {
                    await OfferAsync(roomEvent);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
                {
                    // The sweep reads it from the outbox later.
                    _logger.LogWarning(ex, "Could not hand on room event {Project}/{Sequence}", roomEvent.ProjectId, roomEvent.Sequence);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Hands on an event heard from anywhere: once, after every earlier one of its project.</summary>
    private async Task OfferAsync(RoomEvent roomEvent)
    {
        var stream = _streams.GetOrAdd(roomEvent.ProjectId, _ => new Stream(0));
        await stream.Gate.WaitAsync();
        try
        {
            if (roomEvent.Sequence <= stream.Last)
                return;
            if (roomEvent.Sequence > stream.Last + 1)
                await CatchUpLockedAsync(roomEvent.ProjectId, stream, roomEvent.Sequence - 1, CancellationToken.None);
            // The gap may not be readable (a deleted project's events go with it); the event itself still counts.
            await DeliverLockedAsync(stream, roomEvent);
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    private async Task CatchUpAsync(Guid projectId, long upTo, CancellationToken cancellationToken)
    {
        var stream = _streams.GetOrAdd(projectId, _ => new Stream(0));
        await stream.Gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync(projectId, stream, upTo, cancellationToken);
        }
        finally
        {
            stream.Gate.Release();
        }
    }

    private async Task CatchUpLockedAsync(Guid projectId, Stream stream, long upTo, CancellationToken cancellationToken)
    {
        while (stream.Last < upTo)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var from = stream.Last;
            var missed = await db.RoomEvents.AsNoTracking()
                .Where(e => e.ProjectId == projectId && e.Sequence > from && e.Sequence <= upTo)
                .OrderBy(e => e.Sequence)
                .Take(ReadBatch)
                .ToListAsync(cancellationToken);
            if (missed.Count == 0)
                return;
            foreach (var roomEvent in missed)
                await DeliverLockedAsync(stream, roomEvent);
        }
    }

    private async Task DeliverLockedAsync(Stream stream, RoomEvent roomEvent)
    {
        stream.Last = roomEvent.Sequence;
        await _here.PublishAsync(roomEvent);
    }

    private async Task SweepEveryAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
            await SweepAsync(cancellationToken);
    }

    /// <summary>Reads what the database holds beyond what this node has handed on, project by project.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (projectId, last) in await LastSequencesAsync(cancellationToken))
            {
                if (last > (_streams.TryGetValue(projectId, out var stream) ? stream.Last : 0))
                    await CatchUpAsync(projectId, last, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            _logger.LogWarning(ex, "Could not read the outbox for missed room events; trying again in {Interval}", _options.SweepInterval);
        }
    }

    private async Task<List<(Guid Id, long Last)>> LastSequencesAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.LastEventSequence }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.LastEventSequence)).ToList();
    }

    /// <summary>One project's place on this node; the gate keeps its events in order while one is being handed on.</summary>
    private sealed class Stream(long last)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The last event heard from Redis for this project, queued or being handed on.</summary>
        public Task Heard { get; set; } = Task.CompletedTask;

        public long Last { get; set; } = last;
    }

    /// <summary>A room event as nodes tell each other about it.</summary>
    private sealed record RoomEventWire(Guid ProjectId, long Sequence, string Type, string PayloadJson, Guid? ActorUserId, DateTime OccurredAt)
    {
        public static RoomEventWire From(RoomEvent e) => new(e.ProjectId, e.Sequence, e.Type, e.PayloadJson, e.ActorUserId, e.OccurredAt);

        public RoomEvent ToRoomEvent() => new(ProjectId, Sequence, Type, PayloadJson, ActorUserId, null, DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc));
    }
}
