using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>
/// Presence for one Blazor circuit. A closed tab or a dropped network takes the person out of the
/// room as soon as the connection goes down (the circuit itself lingers for minutes in case they come
/// back); when the connection comes back, so do they.
/// </summary>
public sealed class CircuitPresence(PresenceTracker tracker) : CircuitHandler
{
    private readonly ConcurrentDictionary<string, (Guid ProjectId, PresenceEntry Entry)> _mine = new();
    private volatile bool _connected = true;

    public Task SetAsync(Guid projectId, string key, PresenceEntry entry)
    {
        _mine[key] = (projectId, entry);
        return _connected ? tracker.SetAsync(projectId, key, entry) : Task.CompletedTask;
    }

    public Task RemoveAsync(Guid projectId, string key)
    {
        _mine.TryRemove(key, out _);
        return tracker.RemoveAsync(projectId, key);
    }

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = false;
        foreach (var (key, (projectId, _)) in _mine)
            await tracker.RemoveAsync(projectId, key);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected = true;
        foreach (var (key, (projectId, entry)) in _mine)
            await tracker.SetAsync(projectId, key, entry);
    }
}
