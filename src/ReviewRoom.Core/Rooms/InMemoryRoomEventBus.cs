using System.Collections.Concurrent;

namespace ReviewRoom.Core.Rooms;

/// <summary>The bus for a single node: hands each event to the room's subscribers in publish order.</summary>
public sealed class InMemoryRoomEventBus : IRoomEventBus
{
    // Guid.Empty holds the subscribers to every room.
    private readonly ConcurrentDictionary<Guid, ImmutableSubscriberList> _rooms = new();

    public async ValueTask PublishAsync(RoomEvent roomEvent, CancellationToken cancellationToken = default)
    {
        var handlers = Handlers(roomEvent.ProjectId).Concat(Handlers(Guid.Empty));
        foreach (var handler in handlers)
        {
            try
            {
                await handler(roomEvent);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // One broken subscriber (a closed circuit, say) must not keep the event from the rest;
                // it catches up from the outbox when it comes back.
            }
        }
    }

    public IDisposable SubscribeAll(Func<RoomEvent, Task> handler) => Subscribe(Guid.Empty, handler);

    private IReadOnlyList<Func<RoomEvent, Task>> Handlers(Guid key) =>
        _rooms.TryGetValue(key, out var subscribers) ? subscribers.Handlers : [];

    public IDisposable Subscribe(Guid projectId, Func<RoomEvent, Task> handler)
    {
        _rooms.AddOrUpdate(projectId, _ => new ImmutableSubscriberList([handler]), (_, list) => list.With(handler));
        return new Subscription(() => _rooms.AddOrUpdate(projectId, _ => new ImmutableSubscriberList([]), (_, list) => list.Without(handler)));
    }

    private sealed record ImmutableSubscriberList(IReadOnlyList<Func<RoomEvent, Task>> Handlers)
    {
        public ImmutableSubscriberList With(Func<RoomEvent, Task> handler) => new([.. Handlers, handler]);

        public ImmutableSubscriberList Without(Func<RoomEvent, Task> handler) => new(Handlers.Where(h => h != handler).ToList());
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
