using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Data.Queries;

public sealed record TakeLabel(Guid TakeId, Guid ShotId, string ShotCode, int Version, FrameRate Rate)
{
    public string Name => $"{ShotCode} v{Version:000}";
}

/// <summary>The room's events, newest first: the project's append-only activity log is the outbox itself.</summary>
public sealed class ActivityQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    public async Task<IReadOnlyList<RoomEvent>> GetRecentAsync(Guid projectId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.RoomEvents.AsNoTracking()
            .Where(e => e.ProjectId == projectId)
            .OrderByDescending(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, TakeLabel>> GetTakeLabelsAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // History names removed takes too.
        var takes = await (from take in db.Takes.IgnoreQueryFilters()
                           join shot in db.Shots on take.ShotId equals shot.Id
                           where shot.ProjectId == projectId
                           select new { take.Id, take.ShotId, shot.Code, take.Version, take.FrameRateNumerator, take.FrameRateDenominator })
            .ToListAsync(cancellationToken);
        return takes.ToDictionary(t => t.Id, t => new TakeLabel(t.Id, t.ShotId, t.Code, t.Version, new FrameRate(t.FrameRateNumerator, t.FrameRateDenominator)));
    }

    /// <summary>The names of everyone the events mention (who acted, whose membership changed), members or not any more.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetNamesAsync(IEnumerable<RoomEvent> events, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (e.ActorUserId is { } actor)
                ids.Add(actor);
            if (RoomEventCatalog.ReadAs<MembershipChanged>(e) is { } change)
                ids.Add(change.UserId);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
