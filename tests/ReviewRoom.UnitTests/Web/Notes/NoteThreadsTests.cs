using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.UnitTests.Web.Notes;

public class NoteThreadsTests
{
    private static readonly Guid Dana = Guid.NewGuid(), Wes = Guid.NewGuid();
    private static readonly DateTime T0 = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static NoteView Note(Guid author, ProjectRole role, long frame, string body, int minute, Guid? parent = null, bool resolved = false) =>
        new(Guid.NewGuid(), Guid.Empty, parent, author, author == Dana ? "Dana Reyes" : "Wes Okafor", role, frame, frame, body, [],
            T0.AddMinutes(minute), null, 0, resolved ? T0 : null, null, false, 1);

    private static readonly NoteView Late = Note(Dana, ProjectRole.Director, 90, "Sky too bright", 1);
    private static readonly NoteView Early = Note(Wes, ProjectRole.Writer, 10, "Line is long", 2, resolved: true);
    private static readonly NoteView Reply = Note(Dana, ProjectRole.Director, 10, "Cut the second sentence", 3, parent: Early.Id);
    private static readonly NoteView[] All = [Late, Early, Reply];

    [Fact]
    public void Build_ByTimecode_OrdersThreadsByFrameWithTheirReplies()
    {
        var threads = new NoteThreadList(All, new NoteFilter()).Shown;

        Assert.Equal([Early.Id, Late.Id], threads.Select(t => t.Note.Id));
        Assert.Equal([Reply.Id], threads[0].Replies.Select(r => r.Id));
    }

    [Fact]
    public void Build_NewestFirst_OrdersByWhenWritten()
    {
        Assert.Equal([Early.Id, Late.Id], new NoteThreadList(All, new NoteFilter(Sort: NoteSort.Written)).Shown.Select(t => t.Note.Id));
    }

    [Fact]
    public void Build_ByStatus_KeepsOpenOrResolvedThreads()
    {
        Assert.Equal([Late.Id], new NoteThreadList(All, new NoteFilter(Status: NoteStatusFilter.Open)).Shown.Select(t => t.Note.Id));
        Assert.Equal([Early.Id], new NoteThreadList(All, new NoteFilter(Status: NoteStatusFilter.Resolved)).Shown.Select(t => t.Note.Id));
    }

    [Fact]
    public void Build_ByAuthorOrRole_LooksAtTheThreadsFirstNote()
    {
        Assert.Equal([Late.Id], new NoteThreadList(All, new NoteFilter(AuthorUserId: Dana)).Shown.Select(t => t.Note.Id));
        Assert.Equal([Early.Id], new NoteThreadList(All, new NoteFilter(Role: ProjectRole.Writer)).Shown.Select(t => t.Note.Id));
    }

    [Fact]
    public void Build_ByText_FindsAThreadThroughItsReplies()
    {
        Assert.Equal([Early.Id], new NoteThreadList(All, new NoteFilter(Text: "second SENTENCE")).Shown.Select(t => t.Note.Id));
        Assert.Empty(new NoteThreadList(All, new NoteFilter(Text: "nothing like this")).Shown);
    }

    public static TheoryData<NoteFilter> Filters() =>
    [
        new NoteFilter(),
        new NoteFilter(Sort: NoteSort.Written),
        new NoteFilter(Status: NoteStatusFilter.Open),
        new NoteFilter(Status: NoteStatusFilter.Resolved, Sort: NoteSort.Written),
        new NoteFilter(Role: ProjectRole.Writer),
        new NoteFilter(Text: "lantern"),
    ];

    [Theory, MemberData(nameof(Filters))]
    public void ThreadsKeptAFewChangesAtATime_AreTheThreadsBuiltAfresh(NoteFilter filter)
    {
        var random = new Random(20261128);
        var notes = NoteList.Keep([]);
        var kept = new NoteThreadList(notes, filter);
        var (applied, rebuilt) = (0, 0);
        for (var step = 0; step < 400; step++)
        {
            // Sometimes several notes arrive before the list is drawn again.
            var next = notes;
            for (var arriving = random.Next(1, 4); arriving > 0; arriving--)
                next = NoteList.WithChange(next, RandomChange(random, next, step));
            Assert.True(NoteList.TryChangesSince(next, notes, out var changes));
            if (changes.All(change => kept.Apply(change.Note)))
                applied++;
            else
            {
                kept = new NoteThreadList(next, filter);
                rebuilt++;
            }
            notes = next;
            var fresh = new NoteThreadList(notes, filter);
            Assert.Equal(Shape(fresh), Shape(kept));
            Assert.Equal(fresh.Count, kept.Count);
        }
        Assert.Equal((400, 0), (applied, rebuilt));
    }

    [Fact]
    public void AListSomeChangesOn_TellsThoseChanges_OldestFirst()
    {
        IReadOnlyList<NoteView> start = NoteList.WithChange([], Late);
        var once = NoteList.WithChange(start, Early);
        var twice = NoteList.WithChange(once, Reply);

        Assert.True(NoteList.TryChangesSince(twice, start, out var both));
        Assert.Equal([Early, Reply], both.Select(c => c.Note));
        Assert.True(NoteList.TryChangesSince(twice, once, out var last));
        Assert.Equal((Reply, (NoteView?)null), (last.Single().Note, last.Single().Replaced));
        Assert.False(NoteList.TryChangesSince(once, twice, out _));
    }

    [Fact]
    public void AListTooManyChangesOn_OrOnAnotherLine_OrNotKept_IsBuiltAfresh()
    {
        IReadOnlyList<NoteView> start = NoteList.WithChange([], Late);
        var far = start;
        for (var i = 0; i < NoteList.ChangesRemembered; i++)
            far = NoteList.WithChange(far, Late with { Version = Late.Version + i + 1 });
        Assert.True(NoteList.TryChangesSince(far, start, out var remembered));
        Assert.Equal(NoteList.ChangesRemembered, remembered.Count);
        var oneMore = NoteList.WithChange(far, Early);
        Assert.False(NoteList.TryChangesSince(oneMore, start, out _));

        // A change made to a list that is no longer the newest starts a line of its own, which tells only its own changes.
        var branch = NoteList.WithChange(start, Early);
        Assert.False(NoteList.TryChangesSince(branch, start, out _));
        Assert.True(NoteList.TryChangesSince(NoteList.WithChange(branch, Reply), branch, out var branched));
        Assert.Equal([Reply], branched.Select(c => c.Note));
        Assert.False(NoteList.TryChangesSince(branch, far, out _));
        Assert.False(NoteList.TryChangesSince(far, branch, out _));

        Assert.False(NoteList.TryChangesSince(far, [Late], out _));
        Assert.False(NoteList.TryChangesSince(far, NoteList.Keep([Late]), out _));
    }

    private static List<string> Shape(NoteThreadList threads) =>
        [.. threads.Shown.Select(t => $"{t.Note.Id}/{t.Note.Version}:{string.Join(",", t.Replies.Select(r => $"{r.Id}/{r.Version}"))}")];

    /// <summary>What a busy room does to a take: new notes and replies (some arriving late), edits, resolves, deletes and restores.</summary>
    internal static NoteView RandomChange(Random random, IReadOnlyList<NoteView> notes, int step)
    {
        var at = T0.AddSeconds(step * 10 - (random.Next(4) == 0 ? random.Next(1, 50) : 0)).AddTicks(step);
        var firsts = notes.Where(n => n.ParentNoteId is null).ToList();
        var body = random.Next(3) == 0 ? $"The lantern flickers ({step})" : $"Grade note {step}";
        var (author, role) = random.Next(2) == 0 ? (Dana, ProjectRole.Director) : (Wes, ProjectRole.Writer);
        switch (notes.Count == 0 ? 0 : random.Next(6))
        {
            case 0:
                var frame = random.Next(8);
                return Note(author, role, frame, body, 0) with { CreatedAt = at, FrameOut = frame + (random.Next(3) == 0 ? 4 : 0) };
            case 1:
                var parent = firsts[random.Next(firsts.Count)];
                return Note(author, role, parent.FrameIn, body, 0, parent.Id) with { CreatedAt = at > parent.CreatedAt ? at : parent.CreatedAt.AddTicks(1) };
            default:
                var note = notes[random.Next(notes.Count)];
                var changed = random.Next(4) switch
                {
                    0 => note with { Body = body },
                    1 => note with { ResolvedAt = note.ResolvedAt is null ? at : null },
                    2 => note with { Deleted = true, Body = "" },
                    _ => note with { Deleted = false, Body = body },
                };
                return changed with { Version = note.Version + 1 };
        }
    }
}
