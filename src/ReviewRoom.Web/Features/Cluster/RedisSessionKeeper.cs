using System.Collections.Concurrent;
using System.Text.Json;
using ReviewRoom.Core;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Sessions;
using ReviewRoom.Web.Features.Sessions;
using StackExchange.Redis;

namespace ReviewRoom.Web.Features.Cluster;

/// <summary>
/// Live sessions shared by every node: each running session is one Redis value, changed only if nobody changed it
/// since it was read (a compare-and-set), and every new state is told to the other nodes on a channel. Each node keeps
/// the latest state of each session it has heard of for its pages, and reads them all again when it starts or gets
/// Redis back. A session nobody touches for <see cref="Lifetime"/> (every node gone) is forgotten by Redis itself.
/// </summary>
internal sealed class RedisSessionKeeper : ISessionKeeper, IHostedService
{
    public const string Channel = "sessions";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private const int Attempts = 20;

    private readonly ClusterLink _link;
    private readonly ILogger<RedisSessionKeeper> _logger;
    private readonly ConcurrentDictionary<Guid, SessionState> _known = new();
    private readonly Lock _knownLock = new();
    private IAsyncDisposable? _subscription;
    private IDisposable? _reconnected;

    public RedisSessionKeeper(ClusterLink link, ILogger<RedisSessionKeeper> logger)
    {
        _link = link;
        _logger = logger;
        Changed = new((ex, state) => logger.LogWarning(ex, "A session subscriber failed for project {Project}", state.ProjectId));
    }

    public Feed<SessionState> Changed { get; }

    public SessionState? Current(Guid projectId) => _known.GetValueOrDefault(projectId);

    public IReadOnlyList<Guid> ProjectsSeating(string seatKeyPrefix) =>
        [.. _known.Where(p => p.Value.Seats.Any(s => s.Key.StartsWith(seatKeyPrefix, StringComparison.Ordinal))).Select(p => p.Key)];

    public string NewSeatKey() => $"{SeatPrefixOf(_link.NodeId)}{Guid.NewGuid():n}";

    /// <summary>What every seat on a node starts with.</summary>
    public static string SeatPrefixOf(string node) => $"seat:{node}:";

    public async Task<SessionState> ChangeAsync(Guid projectId, Func<ReviewSession?, ReviewSession> change)
    {
        var key = SessionKey(projectId);
        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var database = _link.Database;
                var stored = await database.StringGetAsync(key);
                var session = change(stored.IsNull ? null : Read(stored!));
                var state = SessionState.Of(session);
                var write = database.CreateTransaction();
                write.AddCondition(stored.IsNull ? Condition.KeyNotExists(key) : Condition.StringEqual(key, stored));
                _ = session.Ended ? write.KeyDeleteAsync(key) : write.StringSetAsync(key, Write(session), Lifetime);
                _ = session.Ended ? write.SetRemoveAsync(RunningKey, projectId.ToString("N")) : write.SetAddAsync(RunningKey, projectId.ToString("N"));
                if (!await write.ExecuteAsync())
                    continue;
                _link.Publish(Channel, state);
                await LearnAsync(state);
                return state;
            }
        }
        catch (RedisException ex)
        {
            _logger.LogWarning(ex, "Could not change the session of project {Project}", projectId);
            throw new DomainException("Live sessions are shared through Redis, which is not answering right now; try again in a moment.");
        }
        throw new DomainException("Too many people changed the session at the same moment; try again.");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await _link.SubscribeAsync<SessionState>(Channel, (_, state) => LearnAsync(state));
        _reconnected = _link.Reconnected.Subscribe(_ => ReadAllAsync());
        await ReadAllAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _reconnected?.Dispose();
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
            await subscription.DisposeAsync();
    }

    /// <summary>Takes in a state unless a newer one of the same session is already known, and tells this node's pages.</summary>
    private Task LearnAsync(SessionState state)
    {
        lock (_knownLock)
        {
            var known = _known.GetValueOrDefault(state.ProjectId);
            if (known is not null && known.SessionId == state.SessionId && known.Version >= state.Version)
                return Task.CompletedTask;
            // One session per project: the end of an earlier one, heard late, must not end the one running now.
            if (state.Ended && known is not null && known.SessionId != state.SessionId)
                return Task.CompletedTask;
            if (state.Ended)
                _known.TryRemove(state.ProjectId, out _);
            else
                _known[state.ProjectId] = state;
        }
        return Changed.PublishAsync(state);
    }

    /// <summary>Everything running, as Redis holds it: on start, and after Redis was away and changes may have gone unheard.</summary>
    private async Task ReadAllAsync()
    {
        try
        {
            var database = _link.Database;
            var running = new HashSet<Guid>();
            foreach (var member in await database.SetMembersAsync(RunningKey))
            {
                if (!Guid.TryParseExact(member.ToString(), "N", out var projectId))
                    continue;
                var stored = await database.StringGetAsync(SessionKey(projectId));
                if (stored.IsNull)
                {
                    await database.SetRemoveAsync(RunningKey, member);
                    continue;
                }
                running.Add(projectId);
                await LearnAsync(SessionState.Of(Read(stored!)));
            }
            foreach (var (projectId, gone) in _known.Where(p => !running.Contains(p.Key)).ToList())
                await LearnAsync(gone with { Version = gone.Version + 1, Seats = [], Ended = true });
        }
        catch (Exception ex) when (ex is RedisException or JsonException or DomainException)
        {
            _logger.LogWarning(ex, "Could not read the running sessions from Redis; pages see them as they change");
        }
    }

    private RedisKey SessionKey(Guid projectId) => _link.Key($"session:{projectId:N}");

    private RedisKey RunningKey => _link.Key("sessions-running");

    private static string Write(ReviewSession session) =>
        JsonSerializer.Serialize(new StoredSession(session.Id, session.ProjectId, session.StartedAt, session.Version, [.. session.Seats], session.Playhead), RoomEventCatalog.Json);

    private static ReviewSession Read(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredSession>(json, RoomEventCatalog.Json) ?? throw new JsonException("An empty session.");
        return ReviewSession.Restore(stored.Id, stored.ProjectId, stored.StartedAt, stored.Version, stored.Seats, stored.Playhead is { } playhead ? SessionPlayhead.Validate(playhead) : null);
    }

    private sealed record StoredSession(Guid Id, Guid ProjectId, DateTime StartedAt, long Version, List<SessionSeat> Seats, SessionPlayhead? Playhead);
}
