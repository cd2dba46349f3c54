using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Data.Rooms;

/// <summary>What a change in a room reports to everyone else in it.</summary>
public sealed record RoomEventDraft(string Type, object Payload);

/// <summary>
/// The one way a change others must see is written: the change and its numbered room event in one
/// transaction (the outbox), then the event is published once the commit is durable.
/// Writes go through one lock because SQLite has one writer and Microsoft.Data.Sqlite backs off
/// 150 ms on every busy lock; queueing here is far cheaper than racing there.
/// </summary>
public sealed class RoomWriter(IDbContextFactory<ReviewRoomDbContext> contextFactory, IRoomEventBus bus, TimeProvider clock)
{
    /// <summary>Payloads are camelCase JSON with enums as names: they are read by external hub clients.</summary>
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public Task<RoomEvent> CreateProjectAsync(Project project, Guid? actorUserId, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(project.Id, actorUserId, idempotencyKey: null, (db, _) =>
        {
            db.Projects.Add(project);
            return Task.FromResult((project, new RoomEventDraft(RoomEventTypes.ProjectCreated, new { projectId = project.Id, name = project.Name })));
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
            var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct)
                ?? throw new DomainException("That project does not exist (it may have been deleted).");
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
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await change(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<RoomEvent> WriteCoreAsync(
        Guid projectId,
        Guid? actorUserId,
        string? idempotencyKey,
        Func<ReviewRoomDbContext, CancellationToken, Task<(Project Project, RoomEventDraft Draft)>> change,
        CancellationToken cancellationToken)
    {
        RoomEvent written;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (idempotencyKey is not null)
            {
                var earlier = await db.RoomEvents.AsNoTracking()
                    .SingleOrDefaultAsync(e => e.ProjectId == projectId && e.IdempotencyKey == idempotencyKey, cancellationToken);
                if (earlier is not null)
                    return earlier;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (project, draft) = await change(db, cancellationToken);
            written = new RoomEvent(
                projectId,
                project.NextEventSequence(),
                draft.Type,
                JsonSerializer.Serialize(draft.Payload, PayloadJson),
                actorUserId,
                idempotencyKey,
                clock.GetUtcNow().UtcDateTime);
            db.RoomEvents.Add(written);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        await bus.PublishAsync(written, CancellationToken.None);
        return written;
    }
}
