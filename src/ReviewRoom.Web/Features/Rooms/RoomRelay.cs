using Microsoft.AspNetCore.SignalR;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>
/// Hands committed room events and presence changes to the hub connections in each room's group. Each project's events
/// wait in a line of their own and go out in sequence order, so whoever wrote one (a poster waiting for its
/// acknowledgement, with its next note behind it) does not wait while it reaches every connection in the room.
/// </summary>
internal sealed class RoomRelay(IRoomEventBus bus, PresenceTracker presence, Ingest.IngestProgressFeed ingest, IHubContext<ReviewHub, IReviewClient> hub,
    Account.HubSessions connections, ILogger<RoomRelay> logger) : IHostedService
{
    private IDisposable? _subscription;
    private IDisposable? _presence;
    private IDisposable? _ingest;
    private readonly Lock _linesLock = new();
    private readonly Dictionary<Guid, Task> _lines = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.SubscribeAll(e =>
        {
            lock (_linesLock)
            {
                var previous = _lines.GetValueOrDefault(e.ProjectId, Task.CompletedTask);
                _lines[e.ProjectId] = previous.ContinueWith(_ => RelayAsync(e), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
            return Task.CompletedTask;
        });
        _presence = presence.Changed.Subscribe(SendPresenceAsync);
        _ingest = ingest.Changed.Subscribe(SendIngestProgressAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _presence?.Dispose();
        _ingest?.Dispose();
        return Task.CompletedTask;
    }

    private async Task RelayAsync(RoomEvent e)
    {
        try
        {
            await hub.Clients.Group(RoomGroups.ForProject(e.ProjectId)).RoomEvent(RoomEventMessage.From(e));
            if (RoomEventCatalog.IsA<MembershipChanged>(e.Type))
                await FollowMembershipAsync(e);
        }
        catch (Exception ex)
        {
            // Connections that missed it catch up from the outbox on the gap the next event shows them.
            logger.LogWarning(ex, "Could not relay event {Sequence} ({Type}) of project {Project} to its room", e.Sequence, e.Type, e.ProjectId);
        }
    }

    /// <summary>
    /// A removed person's connections leave the room at once (they have just been sent the event saying so);
    /// a changed role is what their presence shows from now on. Commands check the role again anyway.
    /// </summary>
    private async Task FollowMembershipAsync(RoomEvent e)
    {
        if (RoomEventCatalog.ReadAs<MembershipChanged>(e) is not { } change)
            return;
        foreach (var connection in connections.All.Where(c => c.User is { } user && Account.UserClaims.GetUserId(user) == change.UserId))
        {
            var rooms = ReviewHub.RoomsOf(connection);
            if (!rooms.ContainsKey(e.ProjectId))
                continue;
            if (change is MemberRemoved)
            {
                rooms.TryRemove(e.ProjectId, out _);
                await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, RoomGroups.ForProject(e.ProjectId));
                await presence.RemoveAsync(e.ProjectId, connection.ConnectionId);
            }
            else
            {
                rooms[e.ProjectId] = change.Role;
            }
        }
    }

    private Task SendPresenceAsync(Guid projectId) =>
        hub.Clients.Group(RoomGroups.ForProject(projectId)).Presence(new PresenceMessage(projectId, presence.InRoom(projectId)));

    private Task SendIngestProgressAsync(Ingest.IngestProgressMessage progress) =>
        hub.Clients.Group(RoomGroups.ForProject(progress.ProjectId)).IngestProgress(progress);
}
