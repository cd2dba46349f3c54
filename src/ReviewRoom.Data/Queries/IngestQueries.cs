using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Ingest;

namespace ReviewRoom.Data.Queries;

/// <summary>A file on its way to becoming a take, as the board shows it.</summary>
public sealed record IngestJobView(Guid Id, Guid ShotId, string FileName, long SizeBytes, IngestJobState State, string Stage, double Progress,
    string? Error, int Attempts, DateTime NextAttemptAt, string? ByToken);

public sealed class IngestQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    /// <summary>Jobs not yet done with: waiting, running, or failed and not dismissed.</summary>
    public async Task<IReadOnlyList<IngestJobView>> GetOpenJobsAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.IngestJobs.AsNoTracking()
            .Where(j => j.ProjectId == projectId && j.State != IngestJobState.Succeeded)
            .Select(j => new IngestJobView(j.Id, j.ShotId, j.OriginalFileName, j.SizeBytes, j.State, j.Stage, j.Progress, j.Error, j.Attempts,
                j.NextAttemptAt, j.CreatedByTokenName))
            .ToListAsync(cancellationToken);
        return jobs.OrderBy(j => j.NextAttemptAt).ToList();
    }
}
