namespace ReviewRoom.Web.Features.Sessions;

public static class SessionSetup
{
    public static void AddReviewRoomSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionCommands>();
        builder.Services.AddScoped<SessionSeatKeeper>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<SessionSeatKeeper>());
    }
}
