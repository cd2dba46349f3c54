using System.Globalization;
using ReviewRoom.Web.Features.Security;
using StackExchange.Redis;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// Budgets every node counts together, so a caller cannot get one budget per node by being sent round them. The same
/// six-step sliding window as a single node, kept in Redis: one counter per step that expires with the window, checked
/// and counted in one script so two nodes cannot both take the last permit. If Redis does not answer, the node counts
/// on its own until it does: a budget per node for a moment is better than refusing everyone.
/// </summary>
internal sealed class RedisRateWindows(ClusterLink link, TimeProvider clock, ILogger<RedisRateWindows> logger) : IRateWindows
{
    // Sums the window's steps; refuses with the milliseconds until the oldest counted step leaves it, or counts one.
    private const string TakeOne = """
        local prefix, now, stepMs, steps, permits = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
        local current = math.floor(now / stepMs)
        local total, oldest = 0, nil
        for i = steps - 1, 0, -1 do
          local count = tonumber(redis.call('GET', prefix .. (current - i)) or '0')
          if count > 0 and oldest == nil then oldest = current - i end
          total = total + count
        end
        if total >= permits then
          return -((oldest + steps) * stepMs - now)
        end
        redis.call('INCR', prefix .. current)
        redis.call('PEXPIRE', prefix .. current, stepMs * steps + 1000)
        return total + 1
        """;

    private readonly LocalRateWindows _fallback = new();

    public IRateWindow Create(string name, int permits, TimeSpan window) =>
        new Shared(link, clock, logger, name, permits, window, _fallback.Create(name, permits, window));

    private sealed class Shared(ClusterLink link, TimeProvider clock, ILogger logger, string name, int permits, TimeSpan window, IRateWindow fallback) : IRateWindow
    {
        private readonly long _stepMs = Math.Max(1, (long)window.TotalMilliseconds / LocalRateWindows.Segments);

        public async ValueTask<TimeSpan?> TryAcquireAsync(string key)
        {
            // Not waiting for a Redis that is away: every change would stall for the client's timeout.
            if (!link.IsConnected)
                return await fallback.TryAcquireAsync(key);
            try
            {
                var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
                var result = (long)await link.Database.ScriptEvaluateAsync(TakeOne, values:
                [
                    link.Key($"rate:{name}:{key}:"), now, _stepMs, LocalRateWindows.Segments, permits,
                ]);
                return result > 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, -result));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Counting the {Budget} budget on this node alone: Redis does not answer", name);
                return await fallback.TryAcquireAsync(key);
            }
        }

        public void Dispose() => fallback.Dispose();
    }
}
