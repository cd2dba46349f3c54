using ReviewRoom.Core.Rooms;

namespace ReviewRoom.UnitTests.Core.Rooms;

public class InMemoryRoomEventBusTests
{
    private static RoomEvent Event(Guid projectId, long sequence) =>
        new(projectId, sequence, RoomEventTypes.TakeIngested, "{}", null, null, DateTime.UtcNow);

    [Fact]
    public async Task Publish_DeliversOnlyToTheProjectsSubscribersInOrder()
    {
        var bus = new InMemoryRoomEventBus();
        var room = Guid.NewGuid();
        var received = new List<long>();
        var elsewhere = new List<long>();
        using var _ = bus.Subscribe(room, e => { received.Add(e.Sequence); return Task.CompletedTask; });
        using var __ = bus.Subscribe(Guid.NewGuid(), e => { elsewhere.Add(e.Sequence); return Task.CompletedTask; });

        await bus.PublishAsync(Event(room, 1));
        await bus.PublishAsync(Event(room, 2));

        Assert.Equal([1, 2], received);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task Publish_AfterUnsubscribe_DeliversNothing()
    {
        var bus = new InMemoryRoomEventBus();
        var room = Guid.NewGuid();
        var received = 0;
        var subscription = bus.Subscribe(room, _ => { received++; return Task.CompletedTask; });

        subscription.Dispose();
        await bus.PublishAsync(Event(room, 1));

        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Publish_FailingSubscriber_DoesNotStopTheOthers()
    {
        var bus = new InMemoryRoomEventBus();
        var room = Guid.NewGuid();
        var received = 0;
        using var _ = bus.Subscribe(room, _ => throw new InvalidOperationException("circuit gone"));
        using var __ = bus.Subscribe(room, _ => { received++; return Task.CompletedTask; });

        await bus.PublishAsync(Event(room, 1));

        Assert.Equal(1, received);
    }
}
