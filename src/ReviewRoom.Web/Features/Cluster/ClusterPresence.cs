using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// Keeps every node's picture of who is in each room the same. A node tells the others each change its own connections
/// make; a node that starts, or gets Redis back after losing it, says hello and every node answers with all it shows,
/// which replaces what the others knew of it. A node that falls silent for <see cref="ClusterOptions.NodeTimeout"/>
/// (killed, cut off) has its people taken out of every room.
/// </summary>
internal sealed class ClusterPresence(PresenceTracker presence, Sessions.SessionCommands sessions, ClusterLink link, IOptions<ClusterOptions> options, TimeProvider clock,
    ILogger<ClusterPresence> logger) : BackgroundService
{
    private const string Channel = "presence";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastHeard = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var shareMine = presence.ChangedHere.Subscribe(change =>
        {
            link.Publish(Channel, new PresenceNews(PresenceNews.Change, change, null));
            return Task.CompletedTask;
        });
        await using var hear = await link.SubscribeAsync<PresenceNews>(Channel, HearAsync);
        using var reconnected = link.Reconnected.Subscribe(_ =>
        {
            Introduce();
            return Task.CompletedTask;
        });
        Introduce();

        using var timer = new PeriodicTimer(options.Value.NodeTimeout / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                link.Publish(Channel, new PresenceNews(PresenceNews.Alive, null, null));
                await ForgetSilentNodesAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Leaving on purpose: the others need not wait for the timeout to take this node's people out.
        link.Publish(Channel, new PresenceNews(PresenceNews.Bye, null, null));
    }

    private void Introduce()
    {
        link.Publish(Channel, new PresenceNews(PresenceNews.Hello, null, null));
        link.Publish(Channel, new PresenceNews(PresenceNews.Snapshot, null, presence.Here()));
    }

    private async Task HearAsync(string node, PresenceNews news)
    {
        _lastHeard[node] = clock.GetUtcNow();
        switch (news.Kind)
        {
            case PresenceNews.Change when news.Entry is { } change:
                await presence.ApplyAsync(node, change);
                break;
            case PresenceNews.Snapshot when news.Entries is { } entries:
                await presence.ReplaceNodeAsync(node, entries);
                break;
            case PresenceNews.Hello:
                link.Publish(Channel, new PresenceNews(PresenceNews.Snapshot, null, presence.Here()));
                break;
            case PresenceNews.Bye:
                _lastHeard.TryRemove(node, out _);
                await NodeGoneAsync(node);
                break;
        }
    }

    /// <summary>A node is gone: its people leave every room, and its pages' seats every session (a presenter hands over).</summary>
    private async Task NodeGoneAsync(string node)
    {
        await presence.ReplaceNodeAsync(node, []);
        await sessions.DropSeatsAsync(RedisSessionKeeper.SeatPrefixOf(node));
    }

    private async Task ForgetSilentNodesAsync()
    {
        var cutoff = clock.GetUtcNow() - options.Value.NodeTimeout;
        foreach (var (node, heard) in _lastHeard)
        {
            if (heard >= cutoff || !_lastHeard.TryRemove(new KeyValuePair<string, DateTimeOffset>(node, heard)))
                continue;
            logger.LogInformation("Node {Node} has been silent since {Heard}; its people leave every room and session", node, heard);
            await NodeGoneAsync(node);
        }
    }

    /// <summary>What nodes say about presence: one change, everything one node shows, a greeting, a heartbeat, or goodbye.</summary>
    internal sealed record PresenceNews(string Kind, PresenceChange? Entry, IReadOnlyList<PresenceChange>? Entries)
    {
        public const string Change = "change";
        public const string Snapshot = "snapshot";
        public const string Hello = "hello";
        public const string Alive = "alive";
        public const string Bye = "bye";
    }
}
