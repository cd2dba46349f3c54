namespace ReviewRoom.Core.Rooms;

/// <summary>
/// Delivers committed room events to whoever on this node listens to that project's room.
/// Subscribers must tolerate gaps and duplicates: the outbox, not the bus, is the record.
/// </summary>
public interface IRoomEventBus
{
    ValueTask PublishAsync(RoomEvent roomEvent, CancellationToken cancellationToken = default);

    IDisposable Subscribe(Guid projectId, Func<RoomEvent, Task> handler);

    /// <summary>Every project's events, for relays such as the hub's group fan-out.</summary>
    IDisposable SubscribeAll(Func<RoomEvent, Task> handler);

    /// <summary>
    /// Only the events this node wrote, in its write order: for work that must happen once per event however many
    /// nodes hear it (inbox entries). On a single node that is every event.
    /// </summary>
    IDisposable SubscribeWrittenHere(Func<RoomEvent, Task> handler);
}
