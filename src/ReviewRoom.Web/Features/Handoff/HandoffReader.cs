using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Email;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Playlists;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>Whose notes a report holds.</summary>
public enum NotesScope
{
    Take,
    Shot,
    Project,
    Playlist,
}

/// <summary>
/// Gathers what leaves ReviewRoom (notes with their takes, the cut of circled takes) from the board, the review state and
/// the notes, for the project's members and its pipeline tokens; guests and outsiders get nothing (null, as for a
/// project that does not exist). Links in every file start with the site's public address, so the same request gives
/// the same bytes whoever asks.
/// </summary>
public sealed class HandoffReader(ApiAccess access, ProjectQueries projects, NoteQueries notes, DecisionQueries decisions,
    PlaylistReader playlists, PlaylistQueries savedPlaylists, IConfiguration configuration)
{
    private sealed record Room(ProjectBoard Board, ProjectReviewState Review, IReadOnlyDictionary<Guid, TakeExtras> Extras, IReadOnlyDictionary<Guid, string> Names)
    {
        public IEnumerable<ShotCardModel> AllShots => Board.Shots.Concat(Board.ArchivedShots);
    }

    public async Task<NotesReport?> NotesAsync(Actor actor, NotesScope scope, Guid? projectId, Guid? id, string? playlistKey, ExportFilter filter, CancellationToken ct)
    {
        if (scope is NotesScope.Take or NotesScope.Shot)
            projectId = id is { } thing ? scope == NotesScope.Take ? await projects.GetProjectIdOfTakeAsync(thing, ct) : await projects.GetProjectIdOfShotAsync(thing, ct) : null;
        if (projectId is not { } project || await OpenAsync(actor, project, ct) is not { } room)
            return null;

        IReadOnlyList<(ShotCardModel Shot, TakeCardModel Take)> takes;
        string title;
        switch (scope)
        {
            case NotesScope.Take:
                takes = room.AllShots.SelectMany(s => s.Takes.Where(t => t.Id == id).Select(t => (s, t))).ToList();
                title = takes.Count == 1 ? $"Notes on {takes[0].Shot.Code} {takes[0].Take.VersionLabel}" : "";
                break;
            case NotesScope.Shot:
                takes = room.AllShots.Where(s => s.Id == id).SelectMany(s => s.Takes.Select(t => (s, t))).ToList();
                title = room.AllShots.FirstOrDefault(s => s.Id == id) is { } shot ? $"Notes on {shot.Code}" : "";
                if (title.Length == 0)
                    return null;
                break;
            case NotesScope.Project:
                takes = room.Board.Shots.SelectMany(s => s.Takes.Select(t => (s, t))).ToList();
                title = $"Notes on {room.Board.Name}";
                break;
            default:
                if (await PlaylistAsync(actor, project, playlistKey) is not { } list)
                    return null;
                var byId = room.Board.Shots.SelectMany(s => s.Takes.Select(t => (s, t))).ToDictionary(p => p.t.Id);
                takes = list.TakeIds.Where(byId.ContainsKey).Select(t => byId[t]).ToList();
                title = $"Notes on the playlist {list.Name}";
                break;
        }
        if (title.Length == 0)
            return null;
        var handed = await TakesAsync(room, takes, ct);
        return new NotesReport(room.Board.Name, title, filter, handed.Select(filter.Apply).ToList());
    }

    /// <summary>The circled takes of the shots on the board, in cut order, on a timeline at <paramref name="rate"/> (or the rate most of them share).</summary>
    public async Task<HandoffCut?> CutAsync(Actor actor, Guid projectId, FrameRate? rate, CancellationToken ct)
    {
        if (await OpenAsync(actor, projectId, ct) is not { } room)
            return null;
        var circled = Circled(room).Where(c => c.Take is not null).Select(c => (c.Shot, c.Take!)).ToList();
        return Cut(room, (await TakesAsync(room, circled, ct)).ToDictionary(t => t.TakeId), rate);
    }

    /// <summary>The whole project for a report: every take's notes (filtered) and the shots with their circled takes.</summary>
    public async Task<(NotesReport Notes, HandoffCut Cut)?> ReportAsync(Actor actor, Guid projectId, ExportFilter filter, CancellationToken ct)
    {
        if (await OpenAsync(actor, projectId, ct) is not { } room)
            return null;
        var handed = (await TakesAsync(room, room.Board.Shots.SelectMany(s => s.Takes.Select(t => (s, t))).ToList(), ct)).Select(filter.Apply).ToList();
        return (new NotesReport(room.Board.Name, $"Review of {room.Board.Name}", filter, handed), Cut(room, handed.ToDictionary(t => t.TakeId), null));
    }

    private static List<(ShotCardModel Shot, TakeCardModel? Take)> Circled(Room room) =>
        room.Board.Shots.Select(s => (s, room.Review.Shot(s.Id)?.CircledTakeId is { } takeId ? s.Takes.FirstOrDefault(t => t.Id == takeId) : null)).ToList();

    private static HandoffCut Cut(Room room, IReadOnlyDictionary<Guid, HandoffTake> handed, FrameRate? rate)
    {
        var shots = Circled(room).Select(c => new HandoffShot(c.Shot.Id, c.Shot.Order, c.Shot.Code, c.Shot.SceneLabel, c.Shot.CreditsSpent,
            c.Take is { } take ? handed[take.Id] : null)).ToList();
        return new HandoffCut(room.Board.Name, rate ?? HandoffCut.UsualRate(shots), shots);
    }

    /// <summary>One take alone on a timeline at its own rate, for the EDL of its notes.</summary>
    public async Task<HandoffCut?> TakeTimelineAsync(Actor actor, Guid takeId, CancellationToken ct)
    {
        if (await projects.GetProjectIdOfTakeAsync(takeId, ct) is not { } projectId || await OpenAsync(actor, projectId, ct) is not { } room
            || room.AllShots.SelectMany(s => s.Takes.Where(t => t.Id == takeId).Select(t => (s, t))).FirstOrDefault() is not { s: not null } found)
            return null;
        var take = (await TakesAsync(room, [found], ct))[0];
        return new HandoffCut($"{room.Board.Name} {take.Name}", take.Rate,
            [new HandoffShot(found.s.Id, found.s.Order, found.s.Code, found.s.SceneLabel, found.s.CreditsSpent, take)]);
    }

    /// <summary>Members and the project's own tokens take files out of a project; guests on a review link never do.</summary>
    public async Task<bool> MayExportAsync(Actor actor, Guid projectId, CancellationToken ct) =>
        actor is not Actor.Guest && await access.GetAsync(actor, projectId, ct) is not null;

    private async Task<Room?> OpenAsync(Actor actor, Guid projectId, CancellationToken ct)
    {
        if (!await MayExportAsync(actor, projectId, ct) || await projects.GetBoardAsync(projectId, ct) is not { } board)
            return null;
        var members = await notes.GetMembersAsync(projectId, ct);
        return new Room(board, await decisions.GetProjectStateAsync(projectId, ct), await projects.GetTakeExtrasAsync(projectId, ct),
            members.ToDictionary(m => m.UserId, m => m.DisplayName));
    }

    /// <summary>A person's playlists include their own smart lists; a pipeline token reads the team's saved playlists.</summary>
    private async Task<ResolvedPlaylist?> PlaylistAsync(Actor actor, Guid projectId, string? key)
    {
        if (actor is not Actor.Pipeline)
            return await playlists.ResolveAsync(actor, projectId, key);
        return Guid.TryParse(key, out var playlistId) && await savedPlaylists.GetAsync(playlistId) is { } saved && saved.ProjectId == projectId
            ? new ResolvedPlaylist(key!, projectId, saved.Name, null, saved.TakeIds)
            : null;
    }

    private async Task<IReadOnlyList<HandoffTake>> TakesAsync(Room room, IReadOnlyList<(ShotCardModel Shot, TakeCardModel Take)> takes, CancellationToken ct)
    {
        var site = SiteAddress.BaseUrl(configuration);
        var byTake = (await notes.GetLiveForTakesAsync(takes.Select(t => t.Take.Id).ToList(), ct)).ToLookup(n => n.TakeId);
        string? NameOf(Guid userId) => room.Names.GetValueOrDefault(userId);
        return takes.Select(pair =>
        {
            var (shot, take) = pair;
            var extras = room.Extras[take.Id];
            var link = $"{site}/takes/{take.Id}";
            var fileName = extras.OriginalFileName is { } original
                ? ReviewRoom.Media.MediaTypes.DownloadName(Path.GetFileName(original), ReviewRoom.Media.MediaTypes.ForContainer(extras.OriginalContainer))
                : $"{shot.Code}_{take.VersionLabel}.mp4";
            var handedNotes = byTake[take.Id].Select(n => new HandoffNote(n.Id, n.ParentNoteId, n.FrameIn, n.FrameOut, n.AuthorName, n.AuthorRole,
                Mentions.Decode(n.Body, NameOf), MarkdownRenderer.ToPlainText(n.Body, NameOf), n.ResolvedAt is not null, n.CreatedAt,
                $"{link}?frame={n.FrameIn}", n.Drawing)).ToList();
            return new HandoffTake(take.Id, shot.Id, shot.Code, shot.SceneLabel, take.VersionLabel, take.FrameRate, take.DurationFrames, take.Width, take.Height,
                extras.HasAudio, extras.Generation, take.ParentVersion is { } parent ? $"v{parent:000}" : null,
                TakeDecision.DisplayName(room.Review.Take(take.Id)?.Status ?? TakeStatus.NotReviewed), fileName,
                $"{site}{ApiSetup.Prefix}/takes/{take.Id}/files/original", link, handedNotes);
        }).ToList();
    }
}
