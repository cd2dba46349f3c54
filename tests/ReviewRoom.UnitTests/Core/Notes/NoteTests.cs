using ReviewRoom.Core;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Notes;

public class NoteTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Dana = Guid.NewGuid(), Wes = Guid.NewGuid();

    private static Take NewTake() => new Project("Film", "", Now).AddShot("SH010", "", "")
        .AddTake(new TakeMedia("a.mp4", null, FrameRate.Fps24, 120, 640, 360, false), new GenerationInfo { Model = "m", Prompt = "p" }, null, Now);

    private static Note NewNote(FrameRange? frames = null) =>
        Note.Start(Guid.NewGuid(), NewTake(), Dana, ProjectRole.Director, frames ?? FrameRange.At(40), "Door opens late", [Wes], Now);

    [Fact]
    public void Start_KeepsFramesAuthorRoleAndMentions()
    {
        var note = NewNote(new FrameRange(10, 30));

        Assert.Equal((10L, 30L), (note.FrameIn, note.FrameOut));
        Assert.Equal(ProjectRole.Director, note.AuthorRole);
        Assert.Equal([Wes], note.Mentions.Select(m => m.UserId));
        Assert.Equal(1, note.Version);
    }

    [Theory]
    [InlineData(120, 120)]
    [InlineData(100, 120)]
    public void Start_PastTheLastFrame_IsRefused(long frameIn, long frameOut)
    {
        var error = Assert.Throws<DomainException>(() => NewNote(new FrameRange(frameIn, frameOut)));

        Assert.Contains("last frame is 119", error.Message);
    }

    [Fact]
    public void FrameRange_OutBeforeIn_IsRefused()
    {
        Assert.Throws<DomainException>(() => new FrameRange(30, 10));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Start_EmptyText_IsRefused(string body)
    {
        Assert.Throws<DomainException>(() => Note.Start(Guid.NewGuid(), NewTake(), Dana, ProjectRole.Writer, FrameRange.At(1), body, [], Now));
    }

    [Fact]
    public void Start_InvisibleControlCharacters_AreDropped_LinesAndTabsStay()
    {
        var note = Note.Start(Guid.NewGuid(), NewTake(), Dana, ProjectRole.Writer, FrameRange.At(1), "flicker\0 here\u0007\n\tsee frame 12\u001b", [], Now);
        Assert.Equal("flicker here\n\tsee frame 12", note.Body);
        Assert.Throws<DomainException>(() => Note.Start(Guid.NewGuid(), NewTake(), Dana, ProjectRole.Writer, FrameRange.At(1), "\0\0", [], Now));
    }

    [Fact]
    public void Start_TooLong_SaysHowLong()
    {
        var error = Assert.Throws<DomainException>(() =>
            Note.Start(Guid.NewGuid(), NewTake(), Dana, ProjectRole.Writer, FrameRange.At(1), new string('a', Note.MaxBodyLength + 1), [], Now));

        Assert.Contains("10,001", error.Message);
    }

    [Fact]
    public void Start_ByViewer_IsRefused()
    {
        Assert.Throws<DomainException>(() => Note.Start(Guid.NewGuid(), NewTake(), Dana, ProjectRole.Viewer, FrameRange.At(1), "hi", [], Now));
    }

    [Fact]
    public void Reply_TakesTheThreadsFramesAndCannotBeRepliedTo()
    {
        var note = NewNote(new FrameRange(5, 9));

        var reply = note.Reply(Wes, ProjectRole.Writer, "On it", [], Now);

        Assert.Equal(note.Id, reply.ParentNoteId);
        Assert.Equal((5L, 9L), (reply.FrameIn, reply.FrameOut));
        Assert.Throws<DomainException>(() => reply.Reply(Dana, ProjectRole.Director, "nested", [], Now));
    }

    [Fact]
    public void Edit_ByAuthor_KeepsThePreviousTextAndBumpsTheVersion()
    {
        var note = NewNote();

        note.Edit(Dana, 1, "Door opens two frames late", [], Now.AddMinutes(1));

        Assert.Equal("Door opens two frames late", note.Body);
        Assert.Equal("Door opens late", Assert.Single(note.Revisions).Body);
        Assert.Equal(2, note.Version);
        Assert.Empty(note.Mentions);
    }

    [Fact]
    public void Edit_ByAnotherPersonOrFromAStaleCopy_IsRefused()
    {
        var note = NewNote();

        Assert.Contains("Only the author", Assert.Throws<DomainException>(() => note.Edit(Wes, 1, "mine now", [], Now)).Message);
        Assert.Contains("changed this note", Assert.Throws<DomainException>(() => note.Edit(Dana, 7, "old copy", [], Now)).Message);
    }

    [Fact]
    public void ResolveAndReopen_ChangeOnlyTopLevelNotes()
    {
        var note = NewNote();
        var reply = note.Reply(Wes, ProjectRole.Writer, "Fixed", [], Now);

        note.Resolve(Wes, ProjectRole.Writer, Now);
        Assert.True(note.IsResolved);
        Assert.Equal(Wes, note.ResolvedByUserId);
        note.Reopen(ProjectRole.Director);
        Assert.False(note.IsResolved);
        Assert.Throws<DomainException>(() => reply.Resolve(Dana, ProjectRole.Director, Now));
    }

    [Fact]
    public void DeleteAndRestore_AuthorOrAdminOnly()
    {
        var note = NewNote();

        Assert.Throws<DomainException>(() => note.Delete(Wes, isAdmin: false, Now));
        note.Delete(Wes, isAdmin: true, Now);
        Assert.True(note.IsDeleted);
        Assert.Throws<DomainException>(() => note.Restore(Wes, isAdmin: false));
        note.Restore(Dana, isAdmin: false);
        Assert.False(note.IsDeleted);
    }
}

public class MentionsTests
{
    private static readonly Mentionable Dana = new(Guid.NewGuid(), "Dana Reyes");
    private static readonly Mentionable Dan = new(Guid.NewGuid(), "Dan");
    private static readonly Mentionable Wes = new(Guid.NewGuid(), "Wes Okafor");

    [Fact]
    public void Encode_TypedNames_BecomeMemberTokensAndAreListedOnce()
    {
        var (body, mentioned) = Mentions.Encode("@Wes Okafor and @dana reyes, then @Wes Okafor again", [Dana, Dan, Wes]);

        Assert.Equal($"@{{{Wes.UserId}}} and @{{{Dana.UserId}}}, then @{{{Wes.UserId}}} again", body);
        Assert.Equal([Wes.UserId, Dana.UserId], mentioned);
    }

    [Fact]
    public void Encode_PrefersTheLongestNameAndIgnoresEmailsAndStrangers()
    {
        var (body, mentioned) = Mentions.Encode("@Dan, @Danny, mail dana@studio.test, @Dana Reyes", [Dana, Dan, Wes]);

        Assert.Equal($"@{{{Dan.UserId}}}, @Danny, mail dana@studio.test, @{{{Dana.UserId}}}", body);
        Assert.Equal([Dan.UserId, Dana.UserId], mentioned);
    }

    [Fact]
    public void Decode_ShowsCurrentNamesSoARenamedPersonStaysMentioned()
    {
        var body = $"ask @{{{Wes.UserId}}} and @{{{Guid.NewGuid()}}}";

        Assert.Equal("ask @Wes O. and @someone", Mentions.Decode(body, id => id == Wes.UserId ? "Wes O." : null));
    }
}
