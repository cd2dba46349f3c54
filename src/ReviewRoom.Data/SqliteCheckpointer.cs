using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewRoom.Data;

/// <summary>
/// Copies SQLite's write-ahead log into the database file on a timer of its own, so that no person's commit waits for it
/// (connections have automatic checkpoints turned off: see <see cref="SqlitePragmaInterceptor"/>). A passive checkpoint
/// takes no lock a writer or reader waits on; what a reader still needs stays in the log until the next one.
/// </summary>
public sealed class SqliteCheckpointer(
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>What one checkpoint found: pages in the log, and how many of them are now in the database file.</summary>
    public readonly record struct Outcome(long LogPages, long CopiedPages);

    /// <summary>Copies what it can of the log now (passive: it waits for nobody).</summary>
    public async Task<Outcome> CheckpointAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: busy (always 0 for a passive checkpoint), pages in the log, pages copied (-1 for both outside WAL).
        var outcome = await reader.ReadAsync(cancellationToken) ? new Outcome(reader.GetInt64(1), reader.GetInt64(2)) : new Outcome(0, 0);
        ReviewRoomMetrics.Record(ReviewRoomMetrics.Checkpoint, started);
        return outcome;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProviders.Sqlite)
            return;
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A full disk or a locked file: the log keeps everything and the next tick tries again. Whatever
                    // it was, it must not end the service: a failed background service stops the whole app.
                    logger.LogWarning(ex, "Could not copy the SQLite write-ahead log into the database file; trying again in {Interval}", options.Value.CheckpointInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
