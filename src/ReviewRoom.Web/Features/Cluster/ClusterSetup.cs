using Microsoft.Extensions.Options;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Web.Features.Handoff;
using ReviewRoom.Web.Features.Ingest;
using ReviewRoom.Web.Features.Notifications;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// Several nodes behind one address: with <c>Redis:Configuration</c> set, room events, presence and progress are shared
/// through Redis (see docs/scaling.md). Without it nothing here is registered and the node keeps all of it in process.
/// </summary>
public static class ClusterSetup
{
    /// <summary>Called straight after the data services: the room-event bus it replaces must know where each room stands before anyone listens.</summary>
    public static void AddReviewRoomCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterOptions>()
            .BindConfiguration(ClusterOptions.Section)
            .Validate(o => o.SweepInterval > TimeSpan.Zero && o.NodeTimeout >= TimeSpan.FromSeconds(1), "Redis:SweepInterval must be positive and Redis:NodeTimeout at least a second.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!options.IsClustered)
            return;

        builder.Services.AddSingleton(provider => ClusterLink.Connect(provider.GetRequiredService<IOptions<ClusterOptions>>().Value, provider.GetRequiredService<ILogger<ClusterLink>>()));
        builder.Services.AddSingleton<ClusterRoomEventBus>();
        builder.Services.AddSingleton<IRoomEventBus>(provider => provider.GetRequiredService<ClusterRoomEventBus>());
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ClusterRoomEventBus>());
        builder.Services.AddHostedService<ClusterPresence>();
        builder.Services.AddSingleton<Security.IRateWindows, RedisRateWindows>();
        Bridge<IngestProgressMessage>(builder.Services, "ingest-progress", provider => provider.GetRequiredService<IngestProgressFeed>().Changed);
        Bridge<AssemblyRenderView>(builder.Services, "render-progress", provider => provider.GetRequiredService<AssemblyRenderFeed>().Changed);
        Bridge<Guid>(builder.Services, "inbox", provider => provider.GetRequiredService<NotificationFeed>().Changed);
        builder.Services.AddSingleton<RedisSessionKeeper>();
        builder.Services.AddSingleton<Sessions.ISessionKeeper>(provider => provider.GetRequiredService<RedisSessionKeeper>());
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RedisSessionKeeper>());
        Bridge<Sessions.SessionMark>(builder.Services, "session-marks", provider => provider.GetRequiredService<Sessions.SessionCommands>().Marks);
    }

    private static void Bridge<T>(IServiceCollection services, string channel, Func<IServiceProvider, Feed<T>> feedOf) =>
        services.AddSingleton<IHostedService>(provider => new FeedBridge<T>(channel, feedOf, provider, provider.GetRequiredService<ClusterLink>()));
}
