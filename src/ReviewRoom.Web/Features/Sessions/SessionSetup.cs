using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewRoom.Web.Features.Sessions;

public static class SessionSetup
{
    public static void AddReviewRoomSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionCommands>();
        // The cluster puts its own keeper in first when nodes share a Redis.
        builder.Services.TryAddSingleton<ISessionKeeper, LocalSessionKeeper>();
        builder.Services.AddScoped<SessionSeatKeeper>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<SessionSeatKeeper>());
    }
}
