namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// What several ReviewRoom nodes share through Redis. With no <see cref="Configuration"/> the node is alone and
/// keeps everything in process, as the embedded default does.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string ("127.0.0.1:6379,password=..."); empty for a single node.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefixes every channel and key, so two ReviewRoom installations can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "reviewroom";

    /// <summary>
    /// How often a node reads the database for room events it did not hear through Redis (a restart of Redis, a
    /// dropped message). The longest a missed event can stay unseen on a node.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a node may stay silent before the others take its people out of every room.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsClustered => !string.IsNullOrWhiteSpace(Configuration);
}
