using System.Collections.Concurrent;

namespace ReviewRoom.Core.Rooms;

/// <summary>The bus for a single node: hands each event to the room's subscribers in publish order.</summary>
public sealed class InMemoryRoomEventBus(Action<Exception, RoomEvent>? subscriberFailed = null) : IRoomEventBus
{
    // Guid.Empty holds the subscribers to every room.
    private readonly ConcurrentDictionary<Guid, Feed<RoomEvent>> _rooms = new();

    public async ValueTask PublishAsync(RoomEvent roomEvent, CancellationToken cancellationToken = default)
    {
        await FeedOf(roomEvent.ProjectId).PublishAsync(roomEvent, cancellationToken);
        await FeedOf(Guid.Empty).PublishAsync(roomEvent, cancellationToken);
    }

    public IDisposable SubscribeAll(Func<RoomEvent, Task> handler) => Subscribe(Guid.Empty, handler);

    public IDisposable SubscribeWrittenHere(Func<RoomEvent, Task> handler) => SubscribeAll(handler);

    public IDisposable Subscribe(Guid projectId, Func<RoomEvent, Task> handler) => FeedOf(projectId).Subscribe(handler);

    private Feed<RoomEvent> FeedOf(Guid projectId) => _rooms.GetOrAdd(projectId, _ => new Feed<RoomEvent>(subscriberFailed));
}
