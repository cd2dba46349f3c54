using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Notes;

/// <summary>A note as clients see it: part of the public real-time API (note.added / note.edited payloads).</summary>
public sealed record NoteView(
    Guid Id,
    Guid TakeId,
    Guid? ParentNoteId,
    Guid AuthorUserId,
    string AuthorName,
    ProjectRole AuthorRole,
    long FrameIn,
    long FrameOut,
    string Body,
    IReadOnlyList<Guid> MentionedUserIds,
    DateTime CreatedAt,
    DateTime? EditedAt,
    int RevisionCount,
    DateTime? ResolvedAt,
    Guid? ResolvedByUserId,
    bool Deleted,
    int Version,
    Drawing? Drawing = null,
    Guid? ResolvedByTakeId = null)
{
    public static NoteView From(Note note, string authorName, int revisionCount, bool hideBody = false) => new(
        note.Id, note.TakeId, note.ParentNoteId, note.AuthorUserId, authorName, note.AuthorRole,
        note.FrameIn, note.FrameOut, hideBody ? "" : note.Body, note.Mentions.Select(m => m.UserId).ToList(),
        note.CreatedAt, note.EditedAt, revisionCount, note.ResolvedAt, note.ResolvedByUserId, note.IsDeleted, note.Version,
        hideBody ? null : note.Drawing, note.ResolvedByTakeId);
}
