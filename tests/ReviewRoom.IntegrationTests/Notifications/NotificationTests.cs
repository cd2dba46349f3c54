using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Notifications;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Notifications;

namespace ReviewRoom.IntegrationTests.Notifications;

/// <summary>Each kind of notification reaches the people it concerns (never the one who acted), once, and can be turned off.</summary>
public sealed class NotificationTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private Scenario Given => new(fixture.App.Services);
    private NoteCommands Notes => fixture.App.Services.GetRequiredService<NoteCommands>();
    private DecisionCommands Decisions => fixture.App.Services.GetRequiredService<DecisionCommands>();
    private NotificationQueries Inbox => fixture.App.Services.GetRequiredService<NotificationQueries>();

    private async Task<IReadOnlyList<NotificationView>> InboxOfAsync(Scenario.Person person, int expected)
    {
        await Eventually.UntilAsync(async () => (await Inbox.GetInboxAsync(person.UserId)).Count >= expected, $"{expected} notification(s) for {person.Name}");
        return await Inbox.GetInboxAsync(person.UserId);
    }

    [Fact]
    public async Task Mention_ReachesTheMentionedPerson_WithTheTakeAndFrame_AndNotTheAuthor()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wren Quill", ProjectRole.Writer);
        var takeId = await Given.TakeAsync(projectId, shotId);

        await Notes.AddAsync(director.Principal, takeId, FrameRange.At(37), "**Door** opens late, @Wren Quill can the line move?", null);

        var entry = Assert.Single(await InboxOfAsync(writer, 1));
        Assert.Equal(NotificationKind.Mentioned, entry.Kind);
        Assert.Equal($"/takes/{takeId}?frame=37", entry.Link);
        Assert.StartsWith("Dana Director mentioned you on SH010 v001 at 00:00:01:", entry.Text);
        Assert.Contains("“Door opens late, @Wren Quill can the line move?”", entry.Text);
        Assert.Equal(1, await Inbox.CountUnreadAsync(writer.UserId));
        // The director hears that the new take needs their decision, but not about their own note.
        Assert.DoesNotContain(await Inbox.GetInboxAsync(director.UserId), n => n.Kind == NotificationKind.Mentioned);
    }

    [Fact]
    public async Task Reply_ReachesEveryoneInTheThread_DecisionReachesThoseWhoNotedTheTake()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var vfx = await Given.MemberAsync(projectId, director, "Priya Vfx", ProjectRole.VfxLead);
        var takeId = await Given.TakeAsync(projectId, shotId);
        var note = await Notes.AddAsync(writer.Principal, takeId, FrameRange.At(10), "Sky flickers", null);
        await Notes.ReplyAsync(vfx.Principal, note.Id, "I see it too", null);

        await Notes.ReplyAsync(director.Principal, note.Id, "Fixing in v002", null);
        await Decisions.DecideAsync(director.Principal, takeId, DecisionKind.NeedsChanges, "flicker", null);

        var writerInbox = await InboxOfAsync(writer, 3);
        Assert.Equal([NotificationKind.DecidedOnMyNote, NotificationKind.Replied, NotificationKind.Replied], writerInbox.Select(n => n.Kind));
        Assert.StartsWith("Dana Director asked for changes on SH010 v001, which you noted", writerInbox[0].Text);
        // The VFX lead is also asked to decide on the new take (the default rules want them).
        var vfxInbox = await InboxOfAsync(vfx, 3);
        Assert.Equal([NotificationKind.DecidedOnMyNote, NotificationKind.Replied, NotificationKind.NeedsMyDecision], vfxInbox.Select(n => n.Kind));
    }

    [Fact]
    public async Task NewTake_AsksTheRequiredRolesForADecision_TellsFollowers_AndACircleTellsFollowers()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var vfx = await Given.MemberAsync(projectId, director, "Priya Vfx", ProjectRole.VfxLead);
        var viewer = await Given.MemberAsync(projectId, director, "Vic Viewer", ProjectRole.Viewer);
        var first = await Given.TakeAsync(projectId, shotId, writer.UserId);

        // The writer brought the first take in: they follow the shot. The default rules want the director and the VFX lead.
        var second = await Given.TakeAsync(projectId, shotId, director.UserId);
        await Decisions.CircleAsync(director.Principal, shotId, second, true, "best timing");

        var vfxInbox = await InboxOfAsync(vfx, 2);
        Assert.All(vfxInbox, n => Assert.Equal(NotificationKind.NeedsMyDecision, n.Kind));
        Assert.Contains(vfxInbox, n => n.Text == "SH010 v002 is new and needs your decision");
        var writerInbox = await InboxOfAsync(writer, 2);
        Assert.Equal([NotificationKind.Circled, NotificationKind.NewTake], writerInbox.Select(n => n.Kind));
        Assert.Equal("Dana Director circled SH010 v002 for the cut", writerInbox[0].Text);
        Assert.Equal($"/takes/{second}", writerInbox[0].Link);
        Assert.Empty(await Inbox.GetInboxAsync(viewer.UserId));
        Assert.DoesNotContain(await Inbox.GetInboxAsync(director.UserId), n => n.TakeId == second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task TurnedOffKinds_AreNotSent_RemovedPeopleAreNotTold_AndReadStateIsEachPersonsOwn()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var gone = await Given.MemberAsync(projectId, director, "Gone Person", ProjectRole.Writer);
        var takeId = await Given.TakeAsync(projectId, shotId);
        var commands = fixture.App.Services.GetRequiredService<NotificationCommands>();
        await commands.SetWantedAsync(writer.Principal, NotificationKind.Mentioned, wanted: false);
        await fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Members.MemberCommands>().RemoveAsync(director.Principal, projectId, gone.UserId);

        await Notes.AddAsync(director.Principal, takeId, FrameRange.At(1), "@Wes Writer and @Gone Person, look", null);
        var note = await Notes.AddAsync(writer.Principal, takeId, FrameRange.At(2), "Looked", null);
        await Notes.ReplyAsync(director.Principal, note.Id, "Thanks", null);
        var writerInbox = await InboxOfAsync(writer, 1);
        await commands.MarkReadAsync(director.Principal, writerInbox[0].Id);
        var unreadAfterSomeoneElseTried = await Inbox.CountUnreadAsync(writer.UserId);
        await commands.MarkAllReadAsync(writer.Principal);

        Assert.Equal(NotificationKind.Replied, Assert.Single(writerInbox).Kind);
        Assert.Equal(1, unreadAfterSomeoneElseTried);
        Assert.Equal(0, await Inbox.CountUnreadAsync(writer.UserId));
        Assert.Empty(await Inbox.GetInboxAsync(gone.UserId));
        Assert.Contains(NotificationKind.Mentioned, await Inbox.GetMutedKindsAsync(writer.UserId));
    }
}
