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
        for (var i = 0; i < notes.Count; i++)
        {
            if (notes[i].Id != changed.Id)
                continue;
            if (changed.Version <= notes[i].Version)
                return notes;
            var replaced = notes.ToArray();
            replaced[i] = changed;
            return replaced;
        }
        var at = notes.Count;
        while (at > 0 && notes[at - 1].CreatedAt > changed.CreatedAt)
            at--;
        var inserted = new List<NoteView>(notes.Count + 1);
        inserted.AddRange(notes.Take(at));
        inserted.Add(changed);
        inserted.AddRange(notes.Skip(at));
        return inserted;
    }
}
