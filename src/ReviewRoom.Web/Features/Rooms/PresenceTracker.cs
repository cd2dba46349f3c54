using System.Collections.Concurrent;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>A presence change made on this node, as the other nodes are told of it (null entry: gone).</summary>
public sealed record PresenceChange(Guid ProjectId, string ConnectionKey, PresenceEntry? Entry);

/// <summary>
/// Who is in each room right now, keyed by connection (a hub connection or a Blazor circuit) and by the node that
/// connection is on. Presence is ephemeral: it skips the outbox and is lost on restart, as it should be. This node's
/// own connections change it through <see cref="SetAsync"/> and <see cref="RemoveAsync"/>; other nodes' people arrive
/// through <see cref="ApplyAsync"/> and <see cref="ReplaceNodeAsync"/> when several nodes share a Redis.
/// </summary>
public sealed class PresenceTracker(ILogger<PresenceTracker> logger)
{
    /// <summary>The node name this node's own connections are filed under.</summary>
    public const string ThisNode = "";

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<(string Node, string Key), PresenceEntry>> _rooms = new();

    // What each room showed when it was last told; guarded by itself.
    private readonly Dictionary<Guid, IReadOnlyList<PresenceEntry>> _shown = [];

    /// <summary>Tells subscribers which project's room changed, wherever the change was made.</summary>
    public Feed<Guid> Changed { get; } = new((ex, projectId) => logger.LogWarning(ex, "A presence subscriber failed for project {Project}", projectId));

    /// <summary>The changes this node's own connections made, for the other nodes.</summary>
    public Feed<PresenceChange> ChangedHere { get; } = new((ex, change) => logger.LogWarning(ex, "Could not share a presence change for project {Project}", change.ProjectId));

    public async Task SetAsync(Guid projectId, string connectionKey, PresenceEntry entry)
    {
        if (Put(ThisNode, projectId, connectionKey, entry))
        {
            await RaiseAsync(projectId);
            await ChangedHere.PublishAsync(new PresenceChange(projectId, connectionKey, entry));
        }
    }

    public async Task RemoveAsync(Guid projectId, string connectionKey)
    {
        if (Take(ThisNode, projectId, connectionKey))
        {
            await RaiseAsync(projectId);
            await ChangedHere.PublishAsync(new PresenceChange(projectId, connectionKey, null));
        }
    }

    /// <summary>One entry per person: someone with two tabs open appears once, on the tab that spoke last.</summary>
    public IReadOnlyList<PresenceEntry> InRoom(Guid projectId) =>
        _rooms.TryGetValue(projectId, out var room)
            ? room.Values.GroupBy(e => e.UserId).Select(g => g.Last()).OrderBy(e => e.DisplayName, StringComparer.OrdinalIgnoreCase).ToList()
            : [];

    /// <summary>Everything this node's own connections are showing, for a node that has just joined or lost track.</summary>
    public IReadOnlyList<PresenceChange> Here() =>
        _rooms.SelectMany(room => room.Value.Where(e => e.Key.Node == ThisNode).Select(e => new PresenceChange(room.Key, e.Key.Key, e.Value))).ToList();

    /// <summary>A change another node's connection made.</summary>
    public Task ApplyAsync(string node, PresenceChange change)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var changed = change.Entry is { } entry ? Put(node, change.ProjectId, change.ConnectionKey, entry) : Take(node, change.ProjectId, change.ConnectionKey);
        return changed ? RaiseAsync(change.ProjectId) : Task.CompletedTask;
    }

    /// <summary>Everything another node shows, replacing what was known of it (empty: the node is gone).</summary>
    public async Task ReplaceNodeAsync(string node, IReadOnlyList<PresenceChange> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var touched = new HashSet<Guid>();
        foreach (var (projectId, room) in _rooms)
        {
            foreach (var key in room.Keys.Where(k => k.Node == node).ToList())
            {
                if (room.TryRemove(key, out _))
                    touched.Add(projectId);
            }
        }
        foreach (var entry in entries.Where(e => e.Entry is not null))
        {
            Put(node, entry.ProjectId, entry.ConnectionKey, entry.Entry!);
            touched.Add(entry.ProjectId);
        }
        foreach (var projectId in touched)
            await RaiseAsync(projectId);
    }

    private bool Put(string node, Guid projectId, string connectionKey, PresenceEntry entry)
    {
        var room = _rooms.GetOrAdd(projectId, _ => new ConcurrentDictionary<(string, string), PresenceEntry>());
        if (room.TryGetValue((node, connectionKey), out var previous) && previous == entry)
            return false;
        room[(node, connectionKey)] = entry;
        return true;
    }

    private bool Take(string node, Guid projectId, string connectionKey) =>
        _rooms.TryGetValue(projectId, out var room) && room.TryRemove((node, connectionKey), out _);

    /// <summary>
    /// Tells the room only when what it shows changed: a second tab of someone already there, or a hundred programs of
    /// one person joining, change nothing anyone sees and must not cost a message to every member each.
    /// </summary>
    private Task RaiseAsync(Guid projectId)
    {
        lock (_shown)
        {
            var now = InRoom(projectId);
            if (now.SequenceEqual(_shown.GetValueOrDefault(projectId) ?? []))
                return Task.CompletedTask;
            if (now.Count == 0)
                _shown.Remove(projectId);
            else
                _shown[projectId] = now;
        }
        return Changed.PublishAsync(projectId);
    }
}
