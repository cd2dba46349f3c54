using System.Threading.RateLimiting;

namespace ReviewRoom.Web.Features.Security;

/// <summary>One budget (say, sign-ins per address): how many a key may do per window.</summary>
public interface IRateWindow : IDisposable
{
    /// <summary>Null when one more may go ahead now (and it is counted); otherwise how long to wait.</summary>
    ValueTask<TimeSpan?> TryAcquireAsync(string key);
}

/// <summary>Makes the budgets: counted in this process, or (several nodes) where every node counts together.</summary>
public interface IRateWindows
{
    IRateWindow Create(string name, int permits, TimeSpan window);
}

/// <summary>
/// Budgets counted in this process: a sliding window in six steps (System.Threading.RateLimiting, the limiter ASP.NET
/// Core's middleware is built on).
/// </summary>
public sealed class LocalRateWindows : IRateWindows
{
    public const int Segments = 6;

    public IRateWindow Create(string name, int permits, TimeSpan window) => new Local(permits, window);

    private sealed class Local(int permits, TimeSpan window) : IRateWindow
    {
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                SegmentsPerWindow = Segments,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

        public ValueTask<TimeSpan?> TryAcquireAsync(string key)
        {
            using var lease = _limiter.AttemptAcquire(key);
            if (lease.IsAcquired)
                return ValueTask.FromResult<TimeSpan?>(null);
            return ValueTask.FromResult<TimeSpan?>(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
        }

        public void Dispose() => _limiter.Dispose();
    }
}
