using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ReviewRoom.Core.Notes;

/// <summary>A take's notes, oldest first, kept current from the notes its room events carry.</summary>
public static class NoteList
{
    /// <summary>
    /// The list with <paramref name="changed"/> in it: the note it replaces keeps its place, a new one goes in written
    /// order. A copy no newer than the one held (an event the list already reflects) changes nothing and answers the
    /// same list, so a page can tell that there is nothing to draw.
    /// </summary>
    public static IReadOnlyList<NoteView> WithChange(IReadOnlyList<NoteView> notes, NoteView changed)
    {
        var held = notes is OneChangeLater step ? step.Notes : notes as List<NoteView> ?? [.. notes];
        var i = held.FindIndex(n => n.Id == changed.Id);
        if (i >= 0)
        {
            if (changed.Version <= held[i].Version)
                return notes;
            var replaced = Copy(held, held.Count);
            replaced[i] = changed;
            return new OneChangeLater(replaced, notes, new NoteChange(changed, held[i]));
        }
        var at = held.Count;
        while (at > 0 && held[at - 1].CreatedAt > changed.CreatedAt)
            at--;
        var inserted = Copy(held, held.Count + 1);
        inserted.Insert(at, changed);
        return new OneChangeLater(inserted, notes, new NoteChange(changed, null));
    }

    private static List<NoteView> Copy(List<NoteView> notes, int capacity)
    {
        var copy = new List<NoteView>(capacity);
        copy.AddRange(notes);
        return copy;
    }

    /// <summary>
    /// Whether <paramref name="current"/> is <paramref name="drawn"/> with one note changed, and which: a view built from
    /// <paramref name="drawn"/> can then take in that note alone instead of going through the thousands on a long take.
    /// </summary>
    public static bool IsOneChangeAfter(IReadOnlyList<NoteView> current, IReadOnlyList<NoteView>? drawn, [NotNullWhen(true)] out NoteChange? change)
    {
        change = current is OneChangeLater step && drawn is not null && ReferenceEquals(step.Before, drawn) ? step.Change : null;
        return change is not null;
    }

    /// <summary>
    /// A list made by one change. It remembers only the list just before it: making the next one forgets this one's, so a
    /// page holds two lists at most, never the whole history of a busy take.
    /// </summary>
    private sealed class OneChangeLater : IReadOnlyList<NoteView>
    {
        public OneChangeLater(List<NoteView> notes, IReadOnlyList<NoteView> before, NoteChange change)
        {
            Notes = notes;
            Before = before;
            Change = change;
            if (before is OneChangeLater older)
                older.Before = null;
        }

        public IReadOnlyList<NoteView>? Before { get; private set; }

        public NoteChange Change { get; }

        public List<NoteView> Notes { get; }

        public NoteView this[int index] => Notes[index];

        public int Count => Notes.Count;

        public IEnumerator<NoteView> GetEnumerator() => Notes.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A note as it now is, and the version of it that it replaced (none for a new note).</summary>
public sealed record NoteChange(NoteView Note, NoteView? Replaced);
