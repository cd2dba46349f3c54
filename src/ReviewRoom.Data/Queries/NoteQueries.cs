using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Queries;

public sealed record MemberView(Guid UserId, string DisplayName, ProjectRole Role) : IComparable<MemberView>
{
    public int CompareTo(MemberView? other) => string.Compare(DisplayName, other?.DisplayName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A take's notes and the room event sequence they are known to reflect.</summary>
public sealed record TakeNotes(long AsOfSequence, IReadOnlyList<NoteView> Notes);

public sealed class NoteQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory, ProjectMembership membership)
{
    /// <summary>
    /// Every note and reply on a take, oldest first. A deleted note keeps its place in the thread but
    /// its text is shown only to those who may restore it.
    /// </summary>
    public async Task<IReadOnlyList<NoteView>> GetForTakeAsync(Guid takeId, Guid viewerUserId, bool viewerIsAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ReadForTakeAsync(db, takeId, viewerUserId, viewerIsAdmin, cancellationToken);
    }

    /// <summary>
    /// A take's notes with the project's last event sequence read just before them: the notes reflect every event up
    /// to it (and perhaps some after), so a page that keeps them current from room events knows where to go on from.
    /// </summary>
    public async Task<TakeNotes> GetForTakeAsOfAsync(Guid projectId, Guid takeId, Guid viewerUserId, bool viewerIsAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var asOf = await db.Projects.Where(p => p.Id == projectId).Select(p => p.LastEventSequence).SingleAsync(cancellationToken);
        return new TakeNotes(asOf, await ReadForTakeAsync(db, takeId, viewerUserId, viewerIsAdmin, cancellationToken));
    }

    private static async Task<IReadOnlyList<NoteView>> ReadForTakeAsync(ReviewRoomDbContext db, Guid takeId, Guid viewerUserId, bool viewerIsAdmin, CancellationToken cancellationToken)
    {
        var notes = await db.Notes.AsNoTracking()
            .Include(n => n.Mentions)
            .Where(n => n.TakeId == takeId)
            .OrderBy(n => n.CreatedAt)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var revisionCounts = await db.Set<NoteRevision>().AsNoTracking()
            .Where(r => db.Notes.Any(n => n.Id == r.NoteId && n.TakeId == takeId))
            .GroupBy(r => r.NoteId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var names = await NamesAsync(db, notes.Select(n => n.AuthorUserId), cancellationToken);
        return notes.Select(n => ToView(n, names, revisionCounts.GetValueOrDefault(n.Id), viewerUserId, viewerIsAdmin)).ToList();
    }

    /// <summary>The notes and replies that are not deleted on many takes at once (reports and exports), oldest first.</summary>
    public async Task<IReadOnlyList<NoteView>> GetLiveForTakesAsync(IReadOnlyCollection<Guid> takeIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var notes = await db.Notes.AsNoTracking()
            .Include(n => n.Mentions)
            .Where(n => takeIds.Contains(n.TakeId) && n.DeletedAt == null)
            .OrderBy(n => n.CreatedAt)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, notes.Select(n => n.AuthorUserId), cancellationToken);
        return notes.Select(n => ToView(n, names, revisions: 0, n.AuthorUserId, viewerIsAdmin: false)).ToList();
    }

    public async Task<NoteView?> GetAsync(Guid noteId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var note = await db.Notes.AsNoTracking().Include(n => n.Mentions).SingleOrDefaultAsync(n => n.Id == noteId, cancellationToken);
        if (note is null)
            return null;
        var revisions = await db.Set<NoteRevision>().CountAsync(r => r.NoteId == noteId, cancellationToken);
        var names = await NamesAsync(db, [note.AuthorUserId], cancellationToken);
        return ToView(note, names, revisions, note.AuthorUserId, viewerIsAdmin: false);
    }

    public async Task<IReadOnlyList<NoteRevision>> GetRevisionsAsync(Guid noteId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<NoteRevision>().AsNoTracking().Where(r => r.NoteId == noteId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Open threads (not resolved, not deleted) per take of a project.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> GetOpenThreadCountsAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notes.Where(n => n.ProjectId == projectId && n.ParentNoteId == null && n.ResolvedAt == null && n.DeletedAt == null)
            .GroupBy(n => n.TakeId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    public Task<IReadOnlyList<MemberView>> GetMembersAsync(Guid projectId, CancellationToken cancellationToken = default) =>
        membership.GetMembersAsync(projectId, cancellationToken);

    private static async Task<Dictionary<Guid, string>> NamesAsync(ReviewRoomDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    private static NoteView ToView(Note note, Dictionary<Guid, string> names, int revisions, Guid viewerUserId, bool viewerIsAdmin) =>
        NoteView.From(note, names.GetValueOrDefault(note.AuthorUserId, "Someone"), revisions,
            hideBody: note.IsDeleted && note.AuthorUserId != viewerUserId && !viewerIsAdmin);
}
