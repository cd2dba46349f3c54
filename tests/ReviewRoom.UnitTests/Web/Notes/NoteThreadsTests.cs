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
        var threads = NoteThreads.Build(All, new NoteFilter());

        Assert.Equal([Early.Id, Late.Id], threads.Select(t => t.Note.Id));
        Assert.Equal([Reply.Id], threads[0].Replies.Select(r => r.Id));
    }

    [Fact]
    public void Build_NewestFirst_OrdersByWhenWritten()
    {
        Assert.Equal([Early.Id, Late.Id], NoteThreads.Build(All, new NoteFilter(Sort: NoteSort.Written)).Select(t => t.Note.Id));
    }

    [Fact]
    public void Build_ByStatus_KeepsOpenOrResolvedThreads()
    {
        Assert.Equal([Late.Id], NoteThreads.Build(All, new NoteFilter(Status: NoteStatusFilter.Open)).Select(t => t.Note.Id));
        Assert.Equal([Early.Id], NoteThreads.Build(All, new NoteFilter(Status: NoteStatusFilter.Resolved)).Select(t => t.Note.Id));
    }

    [Fact]
    public void Build_ByAuthorOrRole_LooksAtTheThreadsFirstNote()
    {
        Assert.Equal([Late.Id], NoteThreads.Build(All, new NoteFilter(AuthorUserId: Dana)).Select(t => t.Note.Id));
        Assert.Equal([Early.Id], NoteThreads.Build(All, new NoteFilter(Role: ProjectRole.Writer)).Select(t => t.Note.Id));
    }

    [Fact]
    public void Build_ByText_FindsAThreadThroughItsReplies()
    {
        Assert.Equal([Early.Id], NoteThreads.Build(All, new NoteFilter(Text: "second SENTENCE")).Select(t => t.Note.Id));
        Assert.Empty(NoteThreads.Build(All, new NoteFilter(Text: "nothing like this")));
    }
}
