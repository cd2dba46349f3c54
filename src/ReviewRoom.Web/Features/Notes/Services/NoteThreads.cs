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

/// <summary>
/// The threads of a take's notes that pass one filter, in the filter's order, kept current one changed note at a time:
/// on a take of thousands of notes a note arriving costs a lookup and an insert, not a regrouping of them all.
/// </summary>
public sealed class NoteThreadList
{
    private readonly NoteFilter _filter;
    private readonly string _text;
    private readonly Func<string, string> _searchable;
    private readonly IComparer<NoteThread> _order;
    private readonly Dictionary<Guid, NoteThread> _byFirstNote = [];
    private readonly List<NoteThread> _shown = [];

    /// <summary>
    /// Groups notes into threads and keeps those that match: author, role and status look at the
    /// thread's first note; text matches anywhere in the thread, so a reply's words find their thread.
    /// </summary>
    public NoteThreadList(IEnumerable<NoteView> notes, NoteFilter filter, Func<string, string>? searchableText = null)
    {
        _filter = filter;
        _text = filter.Text.Trim();
        _searchable = searchableText ?? (body => body);
        _order = filter.Sort == NoteSort.Timecode ? ByTimecode.Instance : NewestFirst.Instance;
        var all = notes.ToList();
        var replies = all.Where(n => n.ParentNoteId is not null).ToLookup(n => n.ParentNoteId!.Value);
        foreach (var note in all.Where(n => n.ParentNoteId is null))
        {
            var thread = new NoteThread(note, [.. replies[note.Id].OrderBy(r => r.CreatedAt)]);
            _byFirstNote[note.Id] = thread;
            if (!note.Deleted)
                Count++;
            if (Matches(thread))
                _shown.Add(thread);
        }
        _shown.Sort(_order);
        Shown = _shown.AsReadOnly();
    }

    /// <summary>The threads that pass the filter, in its order (a live view: it follows <see cref="Apply"/>).</summary>
    public System.Collections.ObjectModel.ReadOnlyCollection<NoteThread> Shown { get; }

    /// <summary>The threads not deleted, whatever the filter.</summary>
    public int Count { get; private set; }

    /// <summary>Takes in one new or changed note; false when it cannot (a reply to a thread it does not hold).</summary>
    public bool Apply(NoteView changed)
    {
        NoteThread? before;
        NoteThread after;
        if (changed.ParentNoteId is { } firstNoteId)
        {
            if (!_byFirstNote.TryGetValue(firstNoteId, out before))
                return false;
            var replies = before.Replies.ToList();
            var at = replies.FindIndex(r => r.Id == changed.Id);
            if (at >= 0)
                replies[at] = changed;
            else
                replies.Insert(replies.FindLastIndex(r => r.CreatedAt <= changed.CreatedAt) + 1, changed);
            after = before with { Replies = replies };
        }
        else
        {
            _byFirstNote.TryGetValue(changed.Id, out before);
            after = new NoteThread(changed, before?.Replies ?? []);
            Count += (changed.Deleted ? 0 : 1) - (before is null || before.Note.Deleted ? 0 : 1);
        }
        if (before is not null && Matches(before))
            _shown.RemoveAt(_shown.BinarySearch(before, _order));
        _byFirstNote[after.Note.Id] = after;
        if (Matches(after))
        {
            var place = _shown.BinarySearch(after, _order);
            _shown.Insert(place < 0 ? ~place : place, after);
        }
        return true;
    }

    private bool Matches(NoteThread thread) =>
        (_filter.AuthorUserId is null || thread.Note.AuthorUserId == _filter.AuthorUserId)
        && (_filter.Role is null || thread.Note.AuthorRole == _filter.Role)
        && _filter.Status switch
        {
            NoteStatusFilter.Open => thread.Note.ResolvedAt is null,
            NoteStatusFilter.Resolved => thread.Note.ResolvedAt is not null,
            _ => true,
        }
        && (_text.Length == 0 || thread.Replies.Prepend(thread.Note).Any(n => _searchable(n.Body).Contains(_text, StringComparison.OrdinalIgnoreCase)
                                                                           || n.AuthorName.Contains(_text, StringComparison.OrdinalIgnoreCase)));

    // A thread's place depends only on its first note's frame, time and id, none of which an edit changes, so a changed
    // thread is found where it was put. The id settles notes written in the same instant, the same way every time.
    private sealed class ByTimecode : IComparer<NoteThread>
    {
        public static readonly ByTimecode Instance = new();

        public int Compare(NoteThread? x, NoteThread? y)
        {
            var byFrame = x!.Note.FrameIn.CompareTo(y!.Note.FrameIn);
            if (byFrame != 0)
                return byFrame;
            var byTime = x.Note.CreatedAt.CompareTo(y.Note.CreatedAt);
            return byTime != 0 ? byTime : x.Note.Id.CompareTo(y.Note.Id);
        }
    }

    private sealed class NewestFirst : IComparer<NoteThread>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(NoteThread? x, NoteThread? y)
        {
            var byTime = y!.Note.CreatedAt.CompareTo(x!.Note.CreatedAt);
            return byTime != 0 ? byTime : x.Note.Id.CompareTo(y.Note.Id);
        }
    }
}
