using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Data.Queries;

/// <summary>
/// Who is in each project and in what role, which every command asks before it writes (a note, many times a second in
/// a busy room). Kept in memory and forgotten on the room events that change it: a member added, given another role or
/// removed, and the project deleted. An entry also ages out after <see cref="MaxAge"/>: a floor under an event this node
/// never heard (a cluster link down while someone was removed), so a removal is never honoured later than that.
/// </summary>
public sealed class ProjectMembership : IDisposable
{
    internal static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly IDbContextFactory<ReviewRoomDbContext> _contextFactory;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<Guid, (IReadOnlyList<MemberView> Members, long ReadAt)> _known = new();
    private readonly Dictionary<Guid, long> _changes = [];
    private readonly Lock _gate = new();

    public ProjectMembership(IDbContextFactory<ReviewRoomDbContext> contextFactory, IRoomEventBus bus, TimeProvider clock)
    {
        _contextFactory = contextFactory;
        _clock = clock;
        _subscription = bus.SubscribeAll(roomEvent =>
        {
            if (roomEvent.Type == RoomEventTypes.ProjectDeleted || RoomEventCatalog.IsA<MembershipChanged>(roomEvent.Type))
                Forget(roomEvent.ProjectId);
            return Task.CompletedTask;
        });
    }

    /// <summary>The project's members, sorted by name.</summary>
    public async Task<IReadOnlyList<MemberView>> GetMembersAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetTimestamp();
        if (_known.TryGetValue(projectId, out var known) && _clock.GetElapsedTime(known.ReadAt, now) < MaxAge)
            return known.Members;
        long changesBefore;
        lock (_gate)
            changesBefore = _changes.GetValueOrDefault(projectId);
        var members = await ReadAsync(projectId, cancellationToken);
        lock (_gate)
        {
            // A change heard while the list was read may not be in it: keeping it would undo that change until it aged out.
            if (_changes.GetValueOrDefault(projectId) == changesBefore)
                _known[projectId] = (members, now);
        }
        return members;
    }

    /// <summary>The person's role in the project, or null when they are not a member.</summary>
    public async Task<ProjectRole?> GetRoleAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default)
    {
        foreach (var member in await GetMembersAsync(projectId, cancellationToken))
            if (member.UserId == userId)
                return member.Role;
        return null;
    }

    private void Forget(Guid projectId)
    {
        lock (_gate)
        {
            _changes[projectId] = _changes.GetValueOrDefault(projectId) + 1;
            _known.TryRemove(projectId, out _);
        }
    }

    private async Task<IReadOnlyList<MemberView>> ReadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await (from member in db.ProjectMembers
                             join user in db.Users on member.UserId equals user.Id
                             where member.ProjectId == projectId
                             select new MemberView(user.Id, user.DisplayName, member.Role)).ToListAsync(cancellationToken);
        members.Sort();
        return members;
    }

    public void Dispose() => _subscription.Dispose();
}
