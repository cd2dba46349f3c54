using System.Text.Json;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Activity;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.UnitTests.Web.Activity;

public class ActivityDescriberTests
{
    private static readonly Guid Dana = Guid.NewGuid(), Wes = Guid.NewGuid(), TakeId = Guid.NewGuid();
    private static readonly Dictionary<Guid, TakeLabel> Takes = new() { [TakeId] = new TakeLabel(TakeId, Guid.NewGuid(), "SH020", 3, FrameRate.Fps29_97) };

    private static ActivityItem Describe(string type, object payload, Guid? actor = null) =>
        ActivityDescriber.Describe(
            new RoomEvent(Guid.NewGuid(), 7, type, JsonSerializer.Serialize(payload, RoomEventCatalog.Json), actor ?? Dana, null, DateTime.UtcNow),
            Takes,
            id => id == Dana ? "Dana Reyes" : id == Wes ? "Wes Okafor" : null);

    [Fact]
    public void Decision_ReadsAsASentenceWithTheTakeAndReason()
    {
        var item = Describe(RoomEventTypes.DecisionRecorded, new { takeId = TakeId, kind = "NeedsChanges", comment = "shout lands early" });

        Assert.Equal(ActivityCategory.Decisions, item.Category);
        Assert.Equal("Dana Reyes", item.Actor);
        Assert.Equal("asked for changes on SH020 v003: “shout lands early”", item.Text);
        Assert.Equal($"/takes/{TakeId}", item.Link);
    }

    [Fact]
    public void Note_ShowsDropFrameTimecodeAndNamesMentions()
    {
        var note = new NoteView(Guid.NewGuid(), TakeId, null, Dana, "Dana Reyes", ProjectRole.Director, 1800, 1800, $"ask @{{{Wes}}} about it", [Wes],
            DateTime.UtcNow, null, 0, null, null, false, 1);

        var item = Describe(RoomEventTypes.NoteAdded, note);

        Assert.Equal("noted SH020 v003 at 00:01:00;02: ask @Wes Okafor about it", item.Text);
    }

    [Fact]
    public void CircleOfANotApprovedTake_SaysSo()
    {
        var item = Describe(RoomEventTypes.TakeCircled, new { takeId = TakeId, takeWasApproved = false, reason = (string?)null });

        Assert.Equal(ActivityCategory.Selections, item.Category);
        Assert.Equal("circled SH020 v003 for the cut (not approved at the time)", item.Text);
    }

    [Fact]
    public void ReviewLinks_ReadAsSentences_WithoutTheLinkItself()
    {
        var made = Describe(RoomEventTypes.ReviewLinkCreated, new { linkId = Guid.NewGuid(), note = "Client", access = "ViewOnly", items = 2 });
        var withdrawn = Describe(RoomEventTypes.ReviewLinkRevoked, new { linkId = Guid.NewGuid(), note = "Client" });
        var came = Describe(RoomEventTypes.GuestJoined, new { linkId = Guid.NewGuid(), userId = Wes, name = "Ana (guest)" }, actor: Wes);

        Assert.Equal("made a review link for Client (view only)", made.Text);
        Assert.Equal("withdrew the review link for Client", withdrawn.Text);
        Assert.Equal("came in by a review link", came.Text);
        Assert.Equal("Wes Okafor", came.Actor);
        Assert.All(new[] { made, withdrawn, came }, item => Assert.Equal(ActivityCategory.Project, item.Category));
    }

    [Fact]
    public void Membership_ReadsAsSentences_JoiningByInvitationSaysSo()
    {
        var joined = Describe(RoomEventTypes.MemberAdded, new MemberAdded(Wes, ProjectRole.Writer, Guid.NewGuid()), actor: Wes);
        var added = Describe(RoomEventTypes.MemberAdded, new MemberAdded(Wes, ProjectRole.VfxLead));
        var changed = Describe(RoomEventTypes.MemberRoleChanged, new MemberRoleChanged(Wes, ProjectRole.Viewer));
        var removed = Describe(RoomEventTypes.MemberRemoved, new MemberRemoved(Wes, ProjectRole.Viewer));
        var left = Describe(RoomEventTypes.MemberRemoved, new MemberRemoved(Wes, ProjectRole.Viewer), actor: Wes);

        Assert.Equal("joined as Writer through an invitation", joined.Text);
        Assert.Equal("Wes Okafor", joined.Actor);
        Assert.Equal("added Wes Okafor as VFX Lead", added.Text);
        Assert.Equal("made Wes Okafor Viewer", changed.Text);
        Assert.Equal("removed Wes Okafor from the project", removed.Text);
        Assert.Equal("left the project", left.Text);
    }

    [Fact]
    public void NoteExcerpt_IsPlainText_NotMarkdown()
    {
        var note = new NoteView(Guid.NewGuid(), TakeId, null, Dana, "Dana Reyes", ProjectRole.Director, 10, 10, "**smear** on the _left_ hand\n\n- fix it", [],
            DateTime.UtcNow, null, 0, null, null, false, 1);

        var item = Describe(RoomEventTypes.NoteAdded, note);

        Assert.EndsWith(": smear on the left hand fix it", item.Text);
    }

    [Fact]
    public void BoardUpkeep_ReadsAsSentences()
    {
        Assert.Equal("removed SH020 v003 from its shot", Describe(RoomEventTypes.TakeRemoved, new { takeId = TakeId, shotId = Guid.NewGuid(), version = 3 }).Text);
        Assert.Equal("brought back SH020 v003", Describe(RoomEventTypes.TakeRestored, new { takeId = TakeId, shotId = Guid.NewGuid(), version = 3 }).Text);
        Assert.Equal("moved shot SH030 to place 2 in the cut", Describe(RoomEventTypes.ShotMoved, new { shotId = Guid.NewGuid(), code = "SH030", order = 2 }).Text);
        Assert.Equal("archived shot SH040", Describe(RoomEventTypes.ShotArchived, new { shotId = Guid.NewGuid(), code = "SH040" }).Text);
    }
}
