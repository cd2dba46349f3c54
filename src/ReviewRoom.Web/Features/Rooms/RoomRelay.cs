using Microsoft.AspNetCore.SignalR;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>Hands committed room events and presence changes to the hub connections in each room's group.</summary>
internal sealed class RoomRelay(IRoomEventBus bus, PresenceTracker presence, Ingest.IngestProgressFeed ingest, IHubContext<ReviewHub, IReviewClient> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.SubscribeAll(e => hub.Clients.Group(RoomGroups.ForProject(e.ProjectId)).RoomEvent(RoomEventMessage.From(e)));
        presence.Changed += SendPresenceAsync;
        ingest.Changed += SendIngestProgressAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        presence.Changed -= SendPresenceAsync;
        ingest.Changed -= SendIngestProgressAsync;
        return Task.CompletedTask;
    }

    private Task SendPresenceAsync(Guid projectId) =>
        hub.Clients.Group(RoomGroups.ForProject(projectId)).Presence(new PresenceMessage(projectId, presence.InRoom(projectId)));

    private Task SendIngestProgressAsync(Ingest.IngestProgressMessage progress) =>
        hub.Clients.Group(RoomGroups.ForProject(progress.ProjectId)).IngestProgress(progress);
}

public static class RoomSetup
{
    public static void AddReviewRoomRooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddScoped<CircuitPresence>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<CircuitPresence>());
        builder.Services.AddHostedService<RoomRelay>();
        builder.Services.AddSingleton<Notes.Services.NoteCommands>();
        builder.Services.AddSingleton<Decisions.DecisionCommands>();
        builder.Services.AddSingleton<Notes.Services.MarkdownRenderer>();
    }

    public static void MapReviewRoomRooms(this WebApplication app) => app.MapHub<ReviewHub>(ReviewHub.Path);
}
