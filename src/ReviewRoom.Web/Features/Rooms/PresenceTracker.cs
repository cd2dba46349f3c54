using System.Collections.Concurrent;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>
/// Who is in each room right now, keyed by connection (a hub connection or a Blazor circuit).
/// Presence is ephemeral: it skips the outbox and is lost on restart, as it should be.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, PresenceEntry>> _rooms = new();

    /// <summary>Raised with the project whose room changed.</summary>
    public event Func<Guid, Task>? Changed;

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

    private async Task RaiseAsync(Guid projectId)
    {
        if (Changed is null)
            return;
        foreach (var handler in Changed.GetInvocationList().Cast<Func<Guid, Task>>())
        {
            try
            {
                await handler(projectId);
            }
            catch (Exception)
            {
                // A closed circuit's handler must not keep presence from the others.
            }
        }
    }
}
