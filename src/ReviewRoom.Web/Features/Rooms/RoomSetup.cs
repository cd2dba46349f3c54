using Microsoft.AspNetCore.SignalR;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>The room's real-time side: the hub, presence and the relay from the event bus to hub connections.</summary>
public static class RoomSetup
{
    public static void AddReviewRoomRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR()
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .AddHubOptions<ReviewHub>(options =>
            {
                options.AddFilter<HubGuard>();
                // HubGuard refuses oversize messages in words; only far larger ones end the connection.
                options.MaximumReceiveMessageSize = 256 * 1024;
            });
        builder.Services.AddSingleton<HubGuard>();
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddScoped<CircuitPresence>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<CircuitPresence>());
        builder.Services.AddHostedService<RoomRelay>();
    }

    /// <summary>
    /// Unreadable arguments become a sentence, not "Failed to invoke" (see <see cref="ReadableJsonHubProtocol"/>). Called last:
    /// Blazor's own SignalR registration adds the plain JSON protocol again.
    /// </summary>
    public static void UseReadableHubErrors(this IServiceCollection services)
    {
        foreach (var plain in services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol)
                     && d.ImplementationType == typeof(Microsoft.AspNetCore.SignalR.Protocol.JsonHubProtocol)).ToList())
            services.Remove(plain);
        services.AddSingleton<Microsoft.AspNetCore.SignalR.Protocol.IHubProtocol>(provider =>
            new ReadableJsonHubProtocol(new Microsoft.AspNetCore.SignalR.Protocol.JsonHubProtocol(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions>>())));
    }

    public static void MapReviewRoomRooms(this WebApplication app) => app.MapHub<ReviewHub>(ReviewHub.Path);
}
