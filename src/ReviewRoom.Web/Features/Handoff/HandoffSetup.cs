namespace ReviewRoom.Web.Features.Handoff;

public static class HandoffSetup
{
    public static void AddReviewRoomHandoff(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HandoffReader>();
        builder.Services.AddSingleton<ContactSheets>();
        builder.Services.AddSingleton<AssemblyRenderSignal>();
        builder.Services.AddSingleton<AssemblyRenderFeed>();
        builder.Services.AddSingleton<AssemblyRenderCommands>();
        builder.Services.AddHostedService<AssemblyRenderWorker>();
    }
}
