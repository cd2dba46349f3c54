using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using ReviewRoom.Core;
using ReviewRoom.Core.Diagnostics;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Data.Rooms;

/// <summary>What a change in a room reports to everyone else in it.</summary>
public sealed record RoomEventDraft(IRoomEvent Event)
{
    /// <summary>Other changes the same command made (a decision's reason written as a note), announced just before this one.</summary>
    public IReadOnlyList<RoomEventDraft> Preceding { get; init; } = [];

    /// <summary>Changes that follow from this one (notes an approval resolved), announced just after it.</summary>
    public IReadOnlyList<RoomEventDraft> Following { get; init; } = [];
}

/// <summary>
/// The one way a change others must see is written: the change and its numbered room event in one
/// transaction (the outbox), then the event is published once the commit is durable.
/// On SQLite writes go through one lock because SQLite has one writer and Microsoft.Data.Sqlite backs off
/// 150 ms on every busy lock; queueing here is far cheaper than racing there. On PostgreSQL the project's row lock
/// orders a project's writes across nodes, so on a node only writes to the same project wait for each other (for the
/// order they are published in); different projects write side by side.
/// </summary>
public sealed class RoomWriter(IDbContextFactory<ReviewRoomDbContext> contextFactory, IRoomEventBus bus, TimeProvider clock) : IDisposable
{
    /// <summary>The longest idempotency key a client may send.</summary>
    public const int MaxIdempotencyKeyLength = 64;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _projectLocks = new();

    // Each project's latest publication, changed only under that project's lock: the next one starts only after it,
    // so every subscriber sees a project's events in sequence order even though publishing happens unlocked.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Task> _publications = new();

    public Task<RoomEvent> CreateProjectAsync(Project project, Guid? actorUserId, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(project.Id, actorUserId, idempotencyKey: null, (db, _) =>
        {
            db.Projects.Add(project);
            return Task.FromResult((project, new RoomEventDraft(new ProjectCreated(project.Id, project.Name))));
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> against the tracked project and records the event it returns.
    /// A repeated <paramref name="idempotencyKey"/> returns the first event and changes nothing.
    /// </summary>
    public Task<RoomEvent> WriteAsync(
        Guid projectId,
        Guid? actorUserId,
        string? idempotencyKey,
        Func<ReviewRoomDbContext, Project, CancellationToken, Task<RoomEventDraft>> change,
        CancellationToken cancellationToken = default) =>
        WriteCoreAsync(projectId, actorUserId, idempotencyKey, async (db, ct) =>
        {
            // On a shared database the row lock already loaded it, so this is answered without asking again.
            var project = await db.Projects.FindAsync([projectId], ct)
                ?? throw DomainException.NotFound("That project does not exist (it may have been deleted).");
            return (project, await change(db, project, ct));
        }, cancellationToken);

    /// <summary>A context for reads that check a change before it is attempted; writes still go through this class.</summary>
    public Task<ReviewRoomDbContext> CreateReadContextAsync(CancellationToken cancellationToken) => contextFactory.CreateDbContextAsync(cancellationToken);

    /// <summary>
    /// Bookkeeping nobody else needs to replay (a job's stage, a delivery attempt), written under the
    /// same lock so it never races a room change for SQLite's one writer.
    /// </summary>
    public async Task WriteQuietlyAsync(Func<ReviewRoomDbContext, CancellationToken, Task> change, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var gate = db.Database.IsNpgsql() ? null : _writeLock;
        if (gate is not null)
            await gate.WaitAsync(cancellationToken);
        try
        {
            await change(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task<RoomEvent> WriteCoreAsync(
        Guid projectId,
        Guid? actorUserId,
        string? idempotencyKey,
        Func<ReviewRoomDbContext, CancellationToken, Task<(Project Project, RoomEventDraft Draft)>> change,
        CancellationToken cancellationToken)
    {
        var storedKey = ScopedKey(actorUserId, idempotencyKey);
        var asked = Stopwatch.GetTimestamp();
        long committed;
        RoomEvent written;
        List<RoomEvent> events;
        Task previous;
        TaskCompletionSource published;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shared = db.Database.IsNpgsql();
        var gate = shared ? _projectLocks.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1)) : _writeLock;
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // On a shared database other nodes write to the same project: its row is the turnstile that keeps the
            // sequence gapless and in commit order, and makes a retried key see the first write. The lock loads the
            // row it locks (tracked), since every write goes on to number its events from it.
            if (shared)
                await db.Projects.FromSql($"SELECT * FROM \"Projects\" WHERE \"Id\" = {projectId} FOR UPDATE").ToListAsync(cancellationToken);
            var turn = Stopwatch.GetTimestamp();
            ReviewRoomMetrics.Record(ReviewRoomMetrics.WriteWait, asked);
            try
            {
                var (project, draft) = await change(db, cancellationToken);
                var now = clock.GetUtcNow().UtcDateTime;
                RoomEvent Numbered(IRoomEvent roomEvent, string? key) =>
                    new(projectId, project.NextEventSequence(), RoomEventCatalog.WireNameOf(roomEvent), RoomEventCatalog.ToJson(roomEvent), actorUserId, key, now);
                events = draft.Preceding.Select(before => Numbered(before.Event, null)).ToList();
                written = Numbered(draft.Event, storedKey);
                events.Add(written);
                events.AddRange(draft.Following.Select(after => Numbered(after.Event, null)));
                db.RoomEvents.AddRange(events);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (storedKey is not null && ex is DbUpdateException or DomainException)
            {
                // A retry is rare, so a keyed write does not ask first whether it is one: the key's unique index refuses
                // a second event with it (or the change no longer applies, its first run having made it), and only then
                // is the first event looked up and answered, with nothing changed.
                await transaction.RollbackAsync(CancellationToken.None);
                var earlier = await db.RoomEvents.AsNoTracking()
                    .SingleOrDefaultAsync(e => e.ProjectId == projectId && e.IdempotencyKey == storedKey, cancellationToken);
                if (earlier is null)
                    throw;
                return earlier;
            }
            await transaction.CommitAsync(cancellationToken);
            ReviewRoomMetrics.Record(ReviewRoomMetrics.WriteCommit, turn);
            committed = Stopwatch.GetTimestamp();
            // Take this project's place in line while the order is still the write order.
            previous = _publications.GetValueOrDefault(projectId, Task.CompletedTask);
            published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _publications[projectId] = published.Task;
        }
        finally
        {
            gate.Release();
        }

        // Subscribers run outside the lock, after the project's previous events and before its next ones.
        try
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var roomEvent in events)
                await bus.PublishAsync(roomEvent, CancellationToken.None);
        }
        finally
        {
            published.SetResult();
        }
        ReviewRoomMetrics.Record(ReviewRoomMetrics.Publish, committed);
        return written;
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        foreach (var projectLock in _projectLocks.Values)
            projectLock.Dispose();
    }

    /// <summary>
    /// A client's key means "this is my retry", so it belongs to the one who sent it: another person (or a
    /// token) reusing the same key makes a change of their own. An empty key is no key.
    /// </summary>
    public static string? ScopedKey(Guid? actorUserId, string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            return null;
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
            throw new DomainException($"An idempotency key may be at most {MaxIdempotencyKeyLength} characters long.");
        return $"{actorUserId?.ToString("N") ?? "system"}/{idempotencyKey}";
    }
}
