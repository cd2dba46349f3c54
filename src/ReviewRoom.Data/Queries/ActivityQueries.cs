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
        var takes = await (from take in db.Takes
                           join shot in db.Shots on take.ShotId equals shot.Id
                           where shot.ProjectId == projectId
                           select new { take.Id, take.ShotId, shot.Code, take.Version, take.FrameRateNumerator, take.FrameRateDenominator })
            .ToListAsync(cancellationToken);
        return takes.ToDictionary(t => t.Id, t => new TakeLabel(t.Id, t.ShotId, t.Code, t.Version, new FrameRate(t.FrameRateNumerator, t.FrameRateDenominator)));
    }
}
