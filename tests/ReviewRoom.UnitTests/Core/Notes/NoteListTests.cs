using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Notes;

public class NoteListTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Take = Guid.NewGuid();

    private static NoteView Note(int minute, string body = "note", int version = 1, Guid? id = null, Guid? parent = null) =>
        new(id ?? Guid.NewGuid(), Take, parent, Guid.NewGuid(), "Dana Reyes", ProjectRole.Director, minute, minute, body, [],
            Start.AddMinutes(minute), null, 0, null, null, false, version);

    [Fact]
    public void ANewNote_GoesInWrittenOrder_EvenWhenItArrivesAfterALaterOne()
    {
        IReadOnlyList<NoteView> notes = [Note(1), Note(5)];

        var late = Note(3);
        var after = NoteList.WithChange(notes, late);

        Assert.Equal([1L, 3L, 5L], after.Select(n => n.FrameIn));
        Assert.Equal(2, notes.Count);
    }

    [Fact]
    public void ANewerVersion_ReplacesTheNoteInItsPlace()
    {
        var id = Guid.NewGuid();
        IReadOnlyList<NoteView> notes = [Note(1), Note(2, "before", 1, id), Note(3)];

        var after = NoteList.WithChange(notes, Note(2, "after", 2, id));

        Assert.Equal(["note", "after", "note"], after.Select(n => n.Body));
        Assert.Equal("before", notes[1].Body);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ACopyNoNewerThanTheOneHeld_ChangesNothing(int version)
    {
        var id = Guid.NewGuid();
        IReadOnlyList<NoteView> notes = [Note(2, "held", 2, id)];

        var after = NoteList.WithChange(notes, Note(2, "stale", version, id));

        Assert.Same(notes, after);
    }

    [Fact]
    public void TheFirstNote_MakesAListOfOne()
    {
        var first = Note(0);

        Assert.Equal([first], NoteList.WithChange([], first));
    }
}
