using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReviewRoom.Data;
using ReviewRoom.Media;

namespace ReviewRoom.Web.Features.Health;

public static class HealthSetup
{
    private const string LiveTag = "live";

    public static void AddReviewRoomHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddDbContextCheck<ReviewRoomDbContext>("database")
            .AddCheck<FfmpegHealthCheck>("ffmpeg");
        if (builder.Configuration.GetSection(Cluster.ClusterOptions.Section).Get<Cluster.ClusterOptions>() is { IsClustered: true })
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
    }

    public static void MapReviewRoomHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            // Behind a load balancer this says which node answered.
            node = context.RequestServices.GetService<Cluster.ClusterLink>()?.NodeId ?? Environment.MachineName,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }

    private sealed class FfmpegHealthCheck(FfmpegTools tools) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await tools.CheckAvailableAsync(cancellationToken) is { } problem
                ? HealthCheckResult.Unhealthy(problem)
                : HealthCheckResult.Healthy("ffmpeg and ffprobe run");
    }

    /// <summary>Degraded, not unhealthy, without Redis: the node still serves its own people and reads room events from the database.</summary>
    private sealed class RedisHealthCheck(Cluster.ClusterLink link) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var roundTrip = await link.Database.PingAsync();
                var nodes = await link.ListenersAsync(Cluster.ClusterRoomEventBus.Channel);
                return HealthCheckResult.Healthy($"Redis answers in {roundTrip.TotalMilliseconds:0.0} ms; {nodes} node{(nodes == 1 ? "" : "s")} listening for room events");
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                return HealthCheckResult.Degraded($"Redis does not answer ({ex.Message}); other nodes' changes arrive from the database within the sweep interval, presence from other nodes is paused");
            }
        }
    }
}
