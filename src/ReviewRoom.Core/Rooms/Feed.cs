namespace ReviewRoom.Core.Rooms;

/// <summary>
/// One in-process fan-out, the way every feed in ReviewRoom hands messages on (room events, presence, ingest
/// progress, inbox changes): each subscriber in turn, in subscription order. A subscriber that throws (a page
/// whose circuit just closed, say) is reported to <paramref name="subscriberFailed"/> and the others still
/// get the message; it catches up from the stored state when it comes back.
/// </summary>
public sealed class Feed<T>(Action<Exception, T>? subscriberFailed = null)
{
    private Func<T, Task>[] _subscribers = [];

    public int Count => Volatile.Read(ref _subscribers).Length;

    /// <summary>Adds a subscriber until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<T, Task> subscriber)
    {
        Update(list => [.. list, subscriber]);
        return new Subscription(() => Update(list => list.Where(s => s != subscriber).ToArray()));
    }

    public async Task PublishAsync(T message, CancellationToken cancellationToken = default)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                await subscriber(message);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                subscriberFailed?.Invoke(ex, message);
            }
        }
    }

    private void Update(Func<Func<T, Task>[], Func<T, Task>[]> change)
    {
        Func<T, Task>[] before, after;
        do
        {
            before = Volatile.Read(ref _subscribers);
            after = change(before);
        }
        while (Interlocked.CompareExchange(ref _subscribers, after, before) != before);
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
