using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// Makes an in-process feed (ingest progress, a movie's progress, an inbox that changed) heard on every node: what is
/// published here goes to the others, and what they publish is published here. These are moment-to-moment hints whose
/// truth is in the database, so one lost while Redis is away costs a progress bar a step, nothing more.
/// </summary>
internal sealed class FeedBridge<T>(string channel, Func<IServiceProvider, Feed<T>> feedOf, IServiceProvider services, ClusterLink link) : IHostedService
{
    // Set while a message from another node is being handed on here, so it is not sent back out.
    private static readonly AsyncLocal<bool> Relaying = new();

    private IDisposable? _outgoing;
    private IAsyncDisposable? _incoming;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var feed = feedOf(services);
        _outgoing = feed.Subscribe(message =>
        {
            if (!Relaying.Value)
                link.Publish(channel, message);
            return Task.CompletedTask;
        });
        _incoming = await link.SubscribeAsync<T>(channel, async (_, message) =>
        {
            Relaying.Value = true;
            try
            {
                await feed.PublishAsync(message);
            }
            finally
            {
                Relaying.Value = false;
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _outgoing?.Dispose();
        if (Interlocked.Exchange(ref _incoming, null) is { } incoming)
            await incoming.DisposeAsync();
    }
}
