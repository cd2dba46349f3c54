using System.Text.Json;
using ReviewRoom.Core.Rooms;
using StackExchange.Redis;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// This node's line to the others: named channels on Redis pub/sub carrying JSON, each message stamped with the node
/// that sent it so a node never hears itself. Pub/sub is a hint, not a record: a message sent while Redis is away is
/// lost, so every user of a channel has a way to catch up (the outbox for room events, snapshots for presence).
/// </summary>
public sealed class ClusterLink : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly ILogger<ClusterLink> _logger;

    private ClusterLink(ConnectionMultiplexer redis, string prefix, ILogger<ClusterLink> logger)
    {
        _redis = redis;
        _prefix = prefix;
        _logger = logger;
        _redis.ConnectionRestored += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Subscription)
                _ = Reconnected.PublishAsync(true);
        };
        _redis.ConnectionFailed += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Subscription)
                _logger.LogWarning("Lost Redis ({Failure}); room events still arrive from the database, presence waits until it is back", args.FailureType);
        };
    }

    /// <summary>Names this node to the others: unique per process, readable in logs.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Raised when the line to Redis comes back: whatever was said meanwhile has to be caught up.</summary>
    public Feed<bool> Reconnected { get; } = new();

    public bool IsConnected => _redis.IsConnected;

    public IDatabase Database => _redis.GetDatabase();

    public string Key(string name) => $"{_prefix}:{name}";

    /// <summary>Connects without waiting for Redis to be up: a node starts, serves its own people, and joins the others when Redis answers.</summary>
    public static ClusterLink Connect(ClusterOptions options, ILogger<ClusterLink> logger)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "reviewroom";
        configuration.ReconnectRetryPolicy ??= new ExponentialRetry(250, 2_000);
        return new ClusterLink(ConnectionMultiplexer.Connect(configuration), options.ChannelPrefix, logger);
    }

    /// <summary>Sends without waiting for Redis to answer: nothing on the caller's path waits for the other nodes.</summary>
    public void Publish<T>(string channel, T message)
    {
        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new Envelope<T>(NodeId, message), RoomEventCatalog.Json);
            _redis.GetSubscriber().Publish(Channel(channel), json, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Could not tell the other nodes on {Channel}", channel);
        }
    }

    /// <summary>Hands each message from another node to <paramref name="handler"/>, one at a time in the order they arrived.</summary>
    public async Task<IAsyncDisposable> SubscribeAsync<T>(string channel, Func<string, T, Task> handler)
    {
        var queue = await _redis.GetSubscriber().SubscribeAsync(Channel(channel));
        queue.OnMessage(async message =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope<T>>((byte[])message.Message!, RoomEventCatalog.Json);
                if (envelope is null || envelope.Node == NodeId || envelope.Body is null)
                    return;
                await handler(envelope.Node, envelope.Body);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                _logger.LogWarning(ex, "Ignored an unreadable message on {Channel}", channel);
            }
        });
        return new Unsubscribe(queue);
    }

    /// <summary>How many nodes (this one included) are listening on a channel right now: the cluster as Redis sees it.</summary>
    public async Task<long> ListenersAsync(string channel)
    {
        var reply = await _redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", Key(channel));
        var pair = (RedisResult[])reply!;
        return pair.Length == 2 ? (long)pair[1] : 0;
    }

    public ValueTask DisposeAsync()
    {
        _redis.Dispose();
        return ValueTask.CompletedTask;
    }

    private RedisChannel Channel(string name) => RedisChannel.Literal(Key(name));

    private sealed record Envelope<T>(string Node, T Body);

    private sealed class Unsubscribe(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync();
    }
}
