using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.Web.Features.Notes.Services;

public enum NoteSort
{
    Timecode,
    Written,
}

public enum NoteStatusFilter
{
    All,
    Open,
    Resolved,
}

public sealed record NoteFilter(Guid? AuthorUserId = null, ProjectRole? Role = null, NoteStatusFilter Status = NoteStatusFilter.All, string Text = "", NoteSort Sort = NoteSort.Timecode)
{
    public bool IsActive => AuthorUserId is not null || Role is not null || Status != NoteStatusFilter.All || !string.IsNullOrWhiteSpace(Text);
}

/// <summary>A note and its replies, oldest reply first.</summary>
public sealed record NoteThread(NoteView Note, IReadOnlyList<NoteView> Replies);

public static class NoteThreads
{
    /// <summary>
    /// Groups notes into threads and keeps those that match: author, role and status look at the
    /// thread's first note; text matches anywhere in the thread, so a reply's words find their thread.
    /// </summary>
    public static IReadOnlyList<NoteThread> Build(IEnumerable<NoteView> notes, NoteFilter filter, Func<string, string>? searchableText = null)
    {
        var all = notes.ToList();
        var replies = all.Where(n => n.ParentNoteId is not null).ToLookup(n => n.ParentNoteId!.Value);
        var text = filter.Text.Trim();
        var searchable = searchableText ?? (body => body);
        var threads = all
            .Where(n => n.ParentNoteId is null)
            .Select(n => new NoteThread(n, replies[n.Id].OrderBy(r => r.CreatedAt).ToList()))
            .Where(t => filter.AuthorUserId is null || t.Note.AuthorUserId == filter.AuthorUserId)
            .Where(t => filter.Role is null || t.Note.AuthorRole == filter.Role)
            .Where(t => filter.Status switch
            {
                NoteStatusFilter.Open => t.Note.ResolvedAt is null,
                NoteStatusFilter.Resolved => t.Note.ResolvedAt is not null,
                _ => true,
            })
            .Where(t => text.Length == 0
                || t.Replies.Prepend(t.Note).Any(n => searchable(n.Body).Contains(text, StringComparison.OrdinalIgnoreCase)
                                                    || n.AuthorName.Contains(text, StringComparison.OrdinalIgnoreCase)));
        return (filter.Sort == NoteSort.Timecode
                ? threads.OrderBy(t => t.Note.FrameIn).ThenBy(t => t.Note.CreatedAt)
                : threads.OrderByDescending(t => t.Note.CreatedAt))
            .ToList();
    }
}
