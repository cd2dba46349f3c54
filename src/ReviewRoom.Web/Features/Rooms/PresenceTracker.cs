using System.Collections.Concurrent;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>
/// Who is in each room right now, keyed by connection (a hub connection or a Blazor circuit).
/// Presence is ephemeral: it skips the outbox and is lost on restart, as it should be.
/// </summary>
public sealed class PresenceTracker(ILogger<PresenceTracker> logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, PresenceEntry>> _rooms = new();

    /// <summary>Tells subscribers which project's room changed.</summary>
    public Feed<Guid> Changed { get; } = new((ex, projectId) => logger.LogWarning(ex, "A presence subscriber failed for project {Project}", projectId));

    public Task SetAsync(Guid projectId, string connectionKey, PresenceEntry entry)
    {
        var room = _rooms.GetOrAdd(projectId, _ => new ConcurrentDictionary<string, PresenceEntry>());
        if (room.TryGetValue(connectionKey, out var previous) && previous == entry)
            return Task.CompletedTask;
        room[connectionKey] = entry;
        return RaiseAsync(projectId);
    }

    public Task RemoveAsync(Guid projectId, string connectionKey) =>
        _rooms.TryGetValue(projectId, out var room) && room.TryRemove(connectionKey, out _)
            ? RaiseAsync(projectId)
            : Task.CompletedTask;

    /// <summary>One entry per person: someone with two tabs open appears once, on the tab that spoke last.</summary>
    public IReadOnlyList<PresenceEntry> InRoom(Guid projectId) =>
        _rooms.TryGetValue(projectId, out var room)
            ? room.Values.GroupBy(e => e.UserId).Select(g => g.Last()).OrderBy(e => e.DisplayName, StringComparer.OrdinalIgnoreCase).ToList()
            : [];

    private Task RaiseAsync(Guid projectId) => Changed.PublishAsync(projectId);
}
