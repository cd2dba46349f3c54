using Microsoft.EntityFrameworkCore;

namespace ReviewRoom.Data.Queries;

public sealed record PlaylistView(Guid Id, Guid ProjectId, string Name, IReadOnlyList<Guid> TakeIds, DateTime UpdatedAt);

public sealed class PlaylistQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    public async Task<IReadOnlyList<PlaylistView>> ListAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var playlists = await db.Playlists.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync(cancellationToken);
        return [.. playlists.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p => new PlaylistView(p.Id, p.ProjectId, p.Name, p.TakeIds, p.UpdatedAt))];
    }

    public async Task<PlaylistView?> GetAsync(Guid playlistId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var p = await db.Playlists.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playlistId, cancellationToken);
        return p is null ? null : new PlaylistView(p.Id, p.ProjectId, p.Name, p.TakeIds, p.UpdatedAt);
    }

    /// <summary>When the person's visit before this one began; null when they have not been here before.</summary>
    public async Task<DateTime?> GetPreviousVisitAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProjectVisits.AsNoTracking().Where(v => v.ProjectId == projectId && v.UserId == userId)
            .Select(v => v.PreviousVisitAt).SingleOrDefaultAsync(cancellationToken);
    }
}
