namespace ReviewRoom.Web.Hosting;

/// <summary>
/// Renews a job's lease while a node works on it, three times per lease, so other nodes sharing the database leave it
/// alone until this node stops renewing (it finished, or it died).
/// </summary>
public sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;

    private LeaseHeartbeat(TimeSpan lease, Func<DateTime, Task> renew, TimeProvider clock, ILogger logger)
    {
        _beating = BeatAsync(lease, renew, clock, logger, _stop.Token);
    }

    /// <summary>Starts renewing: <paramref name="renew"/> gets the new expiry each time.</summary>
    public static LeaseHeartbeat Start(TimeSpan lease, Func<DateTime, Task> renew, TimeProvider clock, ILogger logger) => new(lease, renew, clock, logger);

    private static async Task BeatAsync(TimeSpan lease, Func<DateTime, Task> renew, TimeProvider clock, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await renew(clock.GetUtcNow().UtcDateTime + lease);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    // A missed beat is survivable: the lease lasts three of them.
                    logger.LogWarning(ex, "Could not renew a job's lease");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }
}

/// <summary>This node's lease on a job ran out and another node took the job: this node drops its result.</summary>
public sealed class LeaseLostException(string message) : Exception(message);
