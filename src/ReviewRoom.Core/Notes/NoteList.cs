using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace ReviewRoom.Core.Notes;

/// <summary>A take's notes, oldest first, kept current from the notes its room events carry.</summary>
public static class NoteList
{
    /// <summary>How many changes back a list can still tell what changed since; further back, a view is built afresh.</summary>
    public const int ChangesRemembered = 64;

    /// <summary>Notes as loaded, kept so that the lists made from them by <see cref="WithChange"/> can tell what changed.</summary>
    public static IReadOnlyList<NoteView> Keep(IReadOnlyList<NoteView> notes) => notes as KeptNotes ?? KeptNotes.From(notes);

    /// <summary>
    /// The list with <paramref name="changed"/> in it: the note it replaces keeps its place, a new one goes in written
    /// order. A copy no newer than the one held (an event the list already reflects) changes nothing and answers the
    /// same list, so a page can tell that there is nothing to draw. The list before is left as it was.
    /// </summary>
    public static IReadOnlyList<NoteView> WithChange(IReadOnlyList<NoteView> notes, NoteView changed)
    {
        var kept = (KeptNotes)Keep(notes);
        var (held, at) = kept.Find(changed);
        if (held is not null)
        {
            if (changed.Version <= held.Version)
                return notes;
            return kept.Next(kept.Notes.SetItem(at, changed), new NoteChange(changed, held));
        }
        return kept.Next(kept.Notes.Insert(at, changed), new NoteChange(changed, null));
    }

    /// <summary>
    /// Whether <paramref name="current"/> was made from <paramref name="drawn"/> by a few changes, and which, oldest first:
    /// a view built from <paramref name="drawn"/> can then take in those notes alone instead of going through the
    /// thousands on a long take, even when several notes arrived before it was drawn again.
    /// </summary>
    public static bool TryChangesSince(IReadOnlyList<NoteView> current, IReadOnlyList<NoteView>? drawn, [NotNullWhen(true)] out IReadOnlyList<NoteChange>? changes)
    {
        changes = current is KeptNotes now && drawn is KeptNotes then ? now.ChangesSince(then) : null;
        return changes is not null;
    }

    /// <summary>
    /// Notes in a tree, so a change makes a new list sharing all but a few nodes with the old one rather than copying
    /// thousands of references per note (past about 10,600 notes each copy would land in the large-object heap). The
    /// lists made one from another share a short record of their changes; no list holds the lists before it.
    /// </summary>
    private sealed class KeptNotes : IReadOnlyList<NoteView>
    {
        private readonly Lineage _lineage;
        private readonly long _version;

        private KeptNotes(ImmutableList<NoteView> notes, Lineage lineage, long version)
        {
            Notes = notes;
            _lineage = lineage;
            _version = version;
        }

        public ImmutableList<NoteView> Notes { get; }

        /// <summary>
        /// Kept in written order. A note's time is set by the server when it is written and never changes, so a note's
        /// place is found by its time; notes written in the same instant keep the order they came in.
        /// </summary>
        public static KeptNotes From(IReadOnlyList<NoteView> notes)
        {
            var inOrder = notes.Zip(notes.Skip(1)).All(pair => pair.First.CreatedAt <= pair.Second.CreatedAt) ? notes : notes.OrderBy(n => n.CreatedAt).ToList();
            return new KeptNotes([.. inOrder], new Lineage(), 0);
        }

        /// <summary>The note held with the same id and where it is, or where a new one goes.</summary>
        public (NoteView? Held, int At) Find(NoteView changed)
        {
            // The first note written after it: the same instant's notes sit just before that place.
            int low = 0, high = Notes.Count;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (Notes[middle].CreatedAt <= changed.CreatedAt)
                    low = middle + 1;
                else
                    high = middle;
            }
            for (var i = low - 1; i >= 0 && Notes[i].CreatedAt == changed.CreatedAt; i--)
            {
                if (Notes[i].Id == changed.Id)
                    return (Notes[i], i);
            }
            return (null, low);
        }

        public KeptNotes Next(ImmutableList<NoteView> notes, NoteChange change)
        {
            // A change to a list that is not the newest of its line starts a line of its own: the record of changes is the
            // newest list's.
            var lineage = _lineage.Newest == _version ? _lineage : new Lineage { Newest = _version };
            var version = _version + 1;
            lineage.Record(version, change);
            return new KeptNotes(notes, lineage, version);
        }

        public IReadOnlyList<NoteChange>? ChangesSince(KeptNotes earlier)
        {
            if (!ReferenceEquals(earlier._lineage, _lineage) || earlier._version > _version || _lineage.Newest - earlier._version > ChangesRemembered)
                return null;
            var changes = new NoteChange[_version - earlier._version];
            for (var i = 0; i < changes.Length; i++)
                changes[i] = _lineage.ChangeMadeBy(earlier._version + 1 + i);
            return changes;
        }

        public NoteView this[int index] => Notes[index];

        public int Count => Notes.Count;

        public IEnumerator<NoteView> GetEnumerator() => Notes.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The last changes along one line of lists, each under the version it made.</summary>
    private sealed class Lineage
    {
        private readonly NoteChange[] _changes = new NoteChange[ChangesRemembered];

        public long Newest { get; set; }

        public void Record(long version, NoteChange change)
        {
            _changes[version % ChangesRemembered] = change;
            Newest = version;
        }

        public NoteChange ChangeMadeBy(long version) => _changes[version % ChangesRemembered];
    }
}

/// <summary>A note as it now is, and the version of it that it replaced (none for a new note).</summary>
public sealed record NoteChange(NoteView Note, NoteView? Replaced);
