using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Sessions;

namespace ReviewRoom.Web.Features.Sessions;

/// <summary>
/// Where the running sessions are kept: in this process on one node (<see cref="LocalSessionKeeper"/>), in Redis when
/// several nodes share the room (Cluster's RedisSessionKeeper), so people on different nodes sit in the same session.
/// </summary>
public interface ISessionKeeper
{
    /// <summary>Every change to a session, wherever it was made; pages tell newer states from older by their version.</summary>
    Feed<SessionState> Changed { get; }

    SessionState? Current(Guid projectId);

    /// <summary>The projects whose running session has a seat whose key starts with <paramref name="seatKeyPrefix"/>.</summary>
    IReadOnlyList<Guid> ProjectsSeating(string seatKeyPrefix);

    /// <summary>A key for a new seat; a node's seats share a prefix, so they can all leave when that node is gone.</summary>
    string NewSeatKey();

    /// <summary>
    /// Applies <paramref name="change"/> to the project's running session (null: none runs) and tells everyone the
    /// result. The change may run more than once when others change the session at the same moment, so it must only
    /// change the session it is given.
    /// </summary>
    Task<SessionState> ChangeAsync(Guid projectId, Func<ReviewSession?, ReviewSession> change);
}

/// <summary>Sessions held in this process: a single node.</summary>
internal sealed class LocalSessionKeeper(ILogger<LocalSessionKeeper> logger) : ISessionKeeper
{
    private readonly Dictionary<Guid, ReviewSession> _sessions = [];
    private readonly Lock _lock = new();

    public Feed<SessionState> Changed { get; } = new((ex, state) => logger.LogWarning(ex, "A session subscriber failed for project {Project}", state.ProjectId));

    public SessionState? Current(Guid projectId)
    {
        lock (_lock)
            return _sessions.TryGetValue(projectId, out var session) ? SessionState.Of(session) : null;
    }

    public IReadOnlyList<Guid> ProjectsSeating(string seatKeyPrefix)
    {
        lock (_lock)
            return [.. _sessions.Where(p => p.Value.Seats.Any(s => s.Key.StartsWith(seatKeyPrefix, StringComparison.Ordinal))).Select(p => p.Key)];
    }

    public string NewSeatKey() => $"seat:{Guid.NewGuid():n}";

    public async Task<SessionState> ChangeAsync(Guid projectId, Func<ReviewSession?, ReviewSession> change)
    {
        SessionState state;
        lock (_lock)
        {
            var session = change(_sessions.GetValueOrDefault(projectId));
            if (session.Ended)
                _sessions.Remove(projectId);
            else
                _sessions[projectId] = session;
            state = SessionState.Of(session);
        }
        await Changed.PublishAsync(state);
        return state;
    }
}
