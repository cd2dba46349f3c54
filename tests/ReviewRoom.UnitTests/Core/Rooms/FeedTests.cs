using ReviewRoom.Core.Rooms;

namespace ReviewRoom.UnitTests.Core.Rooms;

public class FeedTests
{
    [Fact]
    public async Task AFailingSubscriber_IsReported_AndTheOthersStillGetTheMessage_InOrder()
    {
        var failures = new List<(string Error, int Message)>();
        var feed = new Feed<int>((ex, message) => failures.Add((ex.Message, message)));
        var received = new List<string>();
        using var first = feed.Subscribe(m => { received.Add($"first {m}"); return Task.CompletedTask; });
        using var broken = feed.Subscribe(_ => throw new InvalidOperationException("circuit closed"));
        using var last = feed.Subscribe(m => { received.Add($"last {m}"); return Task.CompletedTask; });

        await feed.PublishAsync(7);

        Assert.Equal(["first 7", "last 7"], received);
        Assert.Equal([("circuit closed", 7)], failures);
    }

    [Fact]
    public async Task DisposingASubscription_StopsItsMessages_AndOnlyItsOwn()
    {
        var feed = new Feed<string>();
        var kept = new List<string>();
        var dropped = new List<string>();
        using var keep = feed.Subscribe(m => { kept.Add(m); return Task.CompletedTask; });
        var drop = feed.Subscribe(m => { dropped.Add(m); return Task.CompletedTask; });

        await feed.PublishAsync("a");
        drop.Dispose();
        drop.Dispose();
        await feed.PublishAsync("b");

        Assert.Equal(["a", "b"], kept);
        Assert.Equal(["a"], dropped);
        Assert.Equal(1, feed.Count);
    }

    [Fact]
    public async Task SubscribersAddedAndRemovedFromManyThreads_AreAllAccountedFor()
    {
        var feed = new Feed<int>();
        var handles = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => feed.Subscribe(_ => Task.CompletedTask))));
        Assert.Equal(200, feed.Count);
        await Task.WhenAll(handles.Select(h => Task.Run(h.Dispose)));
        Assert.Equal(0, feed.Count);
    }
}
