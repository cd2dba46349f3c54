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
/// On SQLite writes take turns because SQLite has one writer and Microsoft.Data.Sqlite backs off 150 ms on every busy
/// lock; queueing here is far cheaper than racing there, and the changes that queue during one turn are all written in
/// the next, in one transaction and one commit. On PostgreSQL the project's row lock
/// orders a project's writes across nodes, so on a node only writes to the same project wait for each other (for the
/// order they are published in); different projects write side by side.
/// </summary>
public sealed class RoomWriter(IDbContextFactory<ReviewRoomDbContext> contextFactory, IRoomEventBus bus, TimeProvider clock) : IDisposable
{
    /// <summary>The longest idempotency key a client may send.</summary>
    public const int MaxIdempotencyKeyLength = 64;

    /// <summary>The most changes one SQLite transaction writes before the next turn.</summary>
    private const int MaxChangesPerCommit = 64;

    private const string ChangeSavepoint = "room_change";

    // Compiled once per application (a compiled query belongs to one model): every room change looks its project up, and
    // EF would otherwise take the query apart again each time.
    private readonly Func<ReviewRoomDbContext, Guid, CancellationToken, Task<Project?>> _projectById =
        EF.CompileAsyncQuery((ReviewRoomDbContext db, Guid id, CancellationToken _) => db.Projects.SingleOrDefault(p => p.Id == id));

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingWrite> _queued = new();
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
            var project = db.Projects.Local.FindEntry(projectId)?.Entity ?? await _projectById(db, projectId, ct)
                ?? throw DomainException.NotFound("That project does not exist (it may have been deleted).");
            return (project, await change(db, project, ct));
        }, cancellationToken);

    /// <summary>How many changes wait for the next turn on SQLite.</summary>
    public int Queued => _queued.Count;

    /// <summary>A context for reads that check a change before it is attempted; writes still go through this class.</summary>
    public Task<ReviewRoomDbContext> CreateReadContextAsync(CancellationToken cancellationToken) => contextFactory.CreateDbContextAsync(cancellationToken);

    /// <summary>
    /// Bookkeeping nobody else needs to replay (a job's stage, a delivery attempt), written under the
    /// same lock so it never races a room change for SQLite's one writer.
    /// </summary>
    public async Task WriteQuietlyAsync(Func<ReviewRoomDbContext, CancellationToken, Task> change, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var gate = IsShared ? null : _writeLock;
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

    private Task<RoomEvent> WriteCoreAsync(
        Guid projectId,
        Guid? actorUserId,
        string? idempotencyKey,
        Func<ReviewRoomDbContext, CancellationToken, Task<(Project Project, RoomEventDraft Draft)>> change,
        CancellationToken cancellationToken)
    {
        var write = new PendingWrite(projectId, actorUserId, ScopedKey(actorUserId, idempotencyKey), change, cancellationToken);
        return IsShared ? WriteOnSharedDatabaseAsync(write) : WriteInTurnAsync(write);
    }

    private bool? _isShared;

    private bool IsShared
    {
        get
        {
            if (_isShared is { } known)
                return known;
            // A context that is never opened: only its provider is asked.
            using var db = contextFactory.CreateDbContext();
            return (_isShared = db.Database.IsNpgsql()).Value;
        }
    }

    /// <summary>One room change waiting to be written, and what became of it.</summary>
    private sealed class PendingWrite(
        Guid projectId,
        Guid? actorUserId,
        string? storedKey,
        Func<ReviewRoomDbContext, CancellationToken, Task<(Project Project, RoomEventDraft Draft)>> change,
        CancellationToken cancellationToken)
    {
        public Guid ProjectId { get; } = projectId;
        public Guid? ActorUserId { get; } = actorUserId;
        public string? StoredKey { get; } = storedKey;
        public Func<ReviewRoomDbContext, CancellationToken, Task<(Project Project, RoomEventDraft Draft)>> Change { get; } = change;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public long Asked { get; } = Stopwatch.GetTimestamp();
        public TaskCompletionSource<Written> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A committed change: its event, everything it announces, and its place in its project's line of publications
    /// (none for a retry answered with the first write's event).
    /// </summary>
    private sealed record Written(RoomEvent Event, IReadOnlyList<RoomEvent> Events, Task? Previous, TaskCompletionSource? Published, long Committed);

    /// <summary>A change's events, and among them the one that answers whoever asked for it.</summary>
    private sealed record Applied(RoomEvent Event, IReadOnlyList<RoomEvent> Events);

    /// <summary>
    /// SQLite: changes that queue while one is being written are written next in one transaction, each in a savepoint
    /// of its own, so a busy room pays one turn and one commit for several notes. Nobody hears back before the commit
    /// that holds their change; a change that fails is rolled back alone and the others still commit.
    /// </summary>
    private async Task<RoomEvent> WriteInTurnAsync(PendingWrite write)
    {
        _queued.Enqueue(write);
        // Not cancelled while waiting: a change the writer in turn has already committed must still be published.
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            // Whoever has the turn writes everything queued by then, this change among it unless an earlier turn took it.
            if (!write.Done.Task.IsCompleted)
                await WriteQueuedAsync();
        }
        finally
        {
            _writeLock.Release();
        }
        return await PublishInTurnAsync(await write.Done.Task);
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxChangesPerCommit && _queued.TryDequeue(out var next))
            batch.Add(next);
        var outcomes = new (Applied? Applied, RoomEvent? Earlier, Exception? Failure)[batch.Count];
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            // Each change has a savepoint of its own; the ones EF would add around every save are not needed.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var turn = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                ReviewRoomMetrics.Record(ReviewRoomMetrics.WriteWait, write.Asked);
                if (write.CancellationToken.IsCancellationRequested)
                {
                    outcomes[i] = (null, null, new OperationCanceledException(write.CancellationToken));
                    continue;
                }
                await transaction.CreateSavepointAsync(ChangeSavepoint, CancellationToken.None);
                try
                {
                    outcomes[i] = (await ApplyAsync(db, write), null, null);
                    await transaction.ReleaseSavepointAsync(ChangeSavepoint, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    await transaction.RollbackToSavepointAsync(ChangeSavepoint, CancellationToken.None);
                    outcomes[i] = write.StoredKey is not null && ex is DbUpdateException or DomainException
                        && await EarlierWriteAsync(db, write) is { } earlier
                        ? (null, earlier, null)
                        : (null, null, ex);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
            await transaction.CommitAsync(CancellationToken.None);
            ReviewRoomMetrics.Record(ReviewRoomMetrics.WriteCommit, turn);
        }
        catch (Exception ex)
        {
            // Nothing was committed: every change in the batch is told so.
            foreach (var write in batch)
                write.Done.TrySetException(ex);
            return;
        }
        var committed = Stopwatch.GetTimestamp();
        for (var i = 0; i < batch.Count; i++)
        {
            var (applied, earlier, failure) = outcomes[i];
            if (failure is not null)
                batch[i].Done.TrySetException(failure);
            else if (earlier is not null)
                batch[i].Done.TrySetResult(new Written(earlier, [], null, null, committed));
            else
                batch[i].Done.TrySetResult(TakePlaceInLine(batch[i], applied!, committed));
        }
    }

    /// <summary>
    /// PostgreSQL: the project's row lock orders a project's writes across nodes, so on a node only writes to the same
    /// project wait for each other (for the order they are published in); different projects write side by side.
    /// </summary>
    private async Task<RoomEvent> WriteOnSharedDatabaseAsync(PendingWrite write)
    {
        var gate = _projectLocks.GetOrAdd(write.ProjectId, _ => new SemaphoreSlim(1, 1));
        Written written;
        await using var db = await contextFactory.CreateDbContextAsync(write.CancellationToken);
        await gate.WaitAsync(write.CancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(write.CancellationToken);
            // Other nodes write to the same project: its row is the turnstile that keeps the sequence gapless and in
            // commit order, and makes a retried key see the first write. The lock loads the row it locks (tracked),
            // since every write goes on to number its events from it.
            await db.Projects.FromSql($"SELECT * FROM \"Projects\" WHERE \"Id\" = {write.ProjectId} FOR UPDATE").ToListAsync(write.CancellationToken);
            var turn = Stopwatch.GetTimestamp();
            ReviewRoomMetrics.Record(ReviewRoomMetrics.WriteWait, write.Asked);
            Applied applied;
            try
            {
                applied = await ApplyAsync(db, write);
            }
            catch (Exception ex) when (write.StoredKey is not null && ex is DbUpdateException or DomainException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if (await EarlierWriteAsync(db, write) is not { } earlier)
                    throw;
                return earlier;
            }
            await transaction.CommitAsync(write.CancellationToken);
            ReviewRoomMetrics.Record(ReviewRoomMetrics.WriteCommit, turn);
            written = TakePlaceInLine(write, applied, Stopwatch.GetTimestamp());
        }
        finally
        {
            gate.Release();
        }
        return await PublishInTurnAsync(written);
    }

    /// <summary>The change made and its events numbered from the project's sequence and saved, not yet committed.</summary>
    private async Task<Applied> ApplyAsync(ReviewRoomDbContext db, PendingWrite write)
    {
        var (project, draft) = await write.Change(db, write.CancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        RoomEvent Numbered(IRoomEvent roomEvent, string? key) =>
            new(write.ProjectId, project.NextEventSequence(), RoomEventCatalog.WireNameOf(roomEvent), RoomEventCatalog.ToJson(roomEvent), write.ActorUserId, key, now);
        var events = draft.Preceding.Select(before => Numbered(before.Event, null)).ToList();
        var answer = Numbered(draft.Event, write.StoredKey);
        events.Add(answer);
        events.AddRange(draft.Following.Select(after => Numbered(after.Event, null)));
        db.RoomEvents.AddRange(events);
        await db.SaveChangesAsync(write.CancellationToken);
        return new Applied(answer, events);
    }

    /// <summary>
    /// A retry is rare, so a keyed write does not ask first whether it is one: the key's unique index refuses a second
    /// event with it (or the change no longer applies, its first run having made it), and only then is the first event
    /// looked up and answered, with nothing changed.
    /// </summary>
    private static Task<RoomEvent?> EarlierWriteAsync(ReviewRoomDbContext db, PendingWrite write) =>
        db.RoomEvents.AsNoTracking().SingleOrDefaultAsync(e => e.ProjectId == write.ProjectId && e.IdempotencyKey == write.StoredKey, CancellationToken.None);

    /// <summary>Takes the project's place in line while the order is still the write order; called in the write's turn.</summary>
    private Written TakePlaceInLine(PendingWrite write, Applied applied, long committed)
    {
        var previous = _publications.GetValueOrDefault(write.ProjectId, Task.CompletedTask);
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _publications[write.ProjectId] = published.Task;
        return new Written(applied.Event, applied.Events, previous, published, committed);
    }

    /// <summary>Subscribers run outside the turn, after the project's previous events and before its next ones.</summary>
    private async Task<RoomEvent> PublishInTurnAsync(Written written)
    {
        if (written.Published is not { } published)
            return written.Event;
        try
        {
            await written.Previous!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var roomEvent in written.Events)
                await bus.PublishAsync(roomEvent, CancellationToken.None);
        }
        finally
        {
            published.SetResult();
        }
        ReviewRoomMetrics.Record(ReviewRoomMetrics.Publish, written.Committed);
        return written.Event;
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
