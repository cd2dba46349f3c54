using ReviewRoom.Core.Playlists;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Playlists;

/// <summary>A playlist as one person plays it: its name and its takes still on the board, in order.</summary>
public sealed record ResolvedPlaylist(string Key, Guid ProjectId, string Name, SmartList? Smart, IReadOnlyList<Guid> TakeIds);

/// <summary>Reads saved playlists and works out smart ones, for a member of the project only.</summary>
public sealed class PlaylistReader(ProjectAccess access, ProjectQueries projects, DecisionQueries decisions, PlaylistQueries playlists)
{
    /// <summary>
    /// <paramref name="key"/> is a saved playlist's id or a smart list's slug; null when it names nothing this person may
    /// see in <paramref name="projectId"/> (pass null to take a saved playlist's own project).
    /// </summary>
    public async Task<ResolvedPlaylist?> ResolveAsync(Actor actor, Guid? projectId, string? key)
    {
        if (SmartLists.FromSlug(key) is { } smart)
            return projectId is { } id && await access.GetRoleAsync(actor, id) is { } role
                ? new ResolvedPlaylist(key!, id, SmartLists.DisplayName(smart), smart, await SmartTakesAsync(actor, id, role, smart))
                : null;
        if (!Guid.TryParse(key, out var playlistId) || await playlists.GetAsync(playlistId) is not { } playlist
            || (projectId is { } expected && expected != playlist.ProjectId) || await access.GetRoleAsync(actor, playlist.ProjectId) is null)
            return null;
        var onBoard = (await BoardTakesAsync(playlist.ProjectId)).Select(t => t.Take.Id).ToHashSet();
        return new ResolvedPlaylist(key!, playlist.ProjectId, playlist.Name, null, [.. playlist.TakeIds.Where(onBoard.Contains)]);
    }

    /// <summary>Every list this person can play in the project: the smart ones first, then the saved ones by name.</summary>
    public async Task<IReadOnlyList<ResolvedPlaylist>> ListAsync(Actor actor, Guid projectId)
    {
        if (await access.GetRoleAsync(actor, projectId) is not { } role)
            return [];
        var onBoard = (await BoardTakesAsync(projectId)).Select(t => t.Take.Id).ToHashSet();
        var lists = new List<ResolvedPlaylist>();
        foreach (var smart in SmartLists.All)
            lists.Add(new ResolvedPlaylist(SmartLists.Slug(smart), projectId, SmartLists.DisplayName(smart), smart, await SmartTakesAsync(actor, projectId, role, smart)));
        foreach (var saved in await playlists.ListAsync(projectId))
            lists.Add(new ResolvedPlaylist(saved.Id.ToString(), projectId, saved.Name, null, [.. saved.TakeIds.Where(onBoard.Contains)]));
        return lists;
    }

    /// <summary>Room events after which a list may hold other takes: the playlists themselves, decisions, circles, takes coming and going.</summary>
    public static bool ChangesLists(Core.Rooms.RoomEvent e) =>
        Core.Rooms.RoomEventCatalog.IsA<Core.Rooms.PlaylistSaved>(e.Type) || Core.Rooms.RoomEventCatalog.IsA<Core.Rooms.PlaylistDeleted>(e.Type)
        || e.Type is Core.Rooms.RoomEventTypes.DecisionRecorded or Core.Rooms.RoomEventTypes.TakeCircled or Core.Rooms.RoomEventTypes.TakeRemoved
            or Core.Rooms.RoomEventTypes.TakeIngested or Core.Rooms.RoomEventTypes.TakeRestored;

    private async Task<IReadOnlyList<Guid>> SmartTakesAsync(Actor actor, Guid projectId, ProjectRole role, SmartList list)
    {
        var state = await decisions.GetProjectStateAsync(projectId);
        var me = actor.UserId ?? Guid.Empty;
        var previousVisit = await playlists.GetPreviousVisitAsync(projectId, me);
        var takes = (await BoardTakesAsync(projectId)).Select(t => new SmartListTake(t.Take.Id, t.ShotOrder, t.Take.Version, t.Take.CreatedAt,
            state.Take(t.Take.Id)?.Status ?? Core.Decisions.TakeStatus.NotReviewed,
            state.Take(t.Take.Id)?.Current.Any(d => d.UserId == me) == true,
            state.Shot(t.Take.ShotId)?.CircledTakeId == t.Take.Id));
        return SmartLists.Resolve(list, takes, ProjectRolePolicy.CanApprove(role), previousVisit);
    }

    private async Task<IReadOnlyList<(int ShotOrder, TakeCardModel Take)>> BoardTakesAsync(Guid projectId) =>
        (await projects.GetBoardAsync(projectId))?.Shots.SelectMany(s => s.Takes.Select(t => (s.Order, t))).ToList() ?? [];
}
