using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Notes.Components;
using ReviewRoom.Web.Features.Notes.Services;

namespace ReviewRoom.UnitTests.Web.Notes;

/// <summary>A note arriving on a long list changes that note alone: the other items keep their elements and do not render again.</summary>
public class NotesPanelTests : MudComponentTest
{
    private static readonly DateTime Start = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Take = Guid.NewGuid();
    private static readonly Guid Dana = Guid.NewGuid();
    private static readonly IReadOnlyList<MemberView> Members = [new(Dana, "Dana Reyes", ProjectRole.Director)];

    public NotesPanelTests()
    {
        // Nothing here sends a command or reads revisions: the items only need the services to exist.
        Services.AddSingleton(new NoteCommands(null!, null!, null!, null!, TimeProvider.System));
        Services.AddSingleton(new NoteQueries(null!, null!));
        Services.AddSingleton(new MarkdownRenderer());
        // A live page: the list is virtualised (bUnit's own Virtualize interop shows every item).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private static NoteView Note(long frame, string body, int minute, int version = 1, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), Take, null, Dana, "Dana Reyes", ProjectRole.Director, frame, frame, body, [],
            Start.AddMinutes(minute), null, 0, null, null, false, version);

    private IRenderedComponent<NotesPanel> RenderPanel(IReadOnlyList<NoteView> notes) =>
        Render<NotesPanel>(p => p
            .Add(c => c.TakeId, Take)
            .Add(c => c.Notes, notes)
            .Add(c => c.Members, Members)
            .Add(c => c.Rate, FrameRate.Fps24)
            .Add(c => c.Actor, new Actor.Person(Dana, "Dana Reyes", false))
            .Add(c => c.Playhead, new ReviewRoom.Web.Features.Takes.Components.Playhead())
            .Add(c => c.CanWrite, true)
            .Add(c => c.CurrentUserId, Dana));

    private static Dictionary<Guid, (NoteItem Item, int Renders)> Items(IRenderedComponent<NotesPanel> panel) =>
        panel.FindComponents<NoteItem>().ToDictionary(c => c.Instance.Note.Id, c => (c.Instance, c.RenderCount));

    [Fact]
    public void ANoteArrivingMidList_IsTheOnlyItemThatRenders()
    {
        IReadOnlyList<NoteView> notes = Enumerable.Range(0, 30).Select(i => Note(i * 10, $"Note **{i}**", i)).ToList();
        var panel = RenderPanel(notes);
        var before = Items(panel);

        var arriving = Note(55, "Arrives *between* five and six", 40);
        panel.Render(p => p.Add(c => c.Notes, NoteList.WithChange(notes, arriving)));

        var after = Items(panel);
        Assert.Equal(31, after.Count);
        foreach (var (id, (item, renders)) in before)
        {
            Assert.Same(item, after[id].Item);
            Assert.Equal(renders, after[id].Renders);
        }
        var bodies = panel.FindAll("[data-testid=note-body]").Select(b => b.InnerHtml).ToList();
        Assert.Equal("<p>Arrives <em>between</em> five and six</p>", bodies[6].Trim());
    }

    [Fact]
    public void AnEditedNote_RendersItsNewText_AndTheOthersStayAsTheyWere()
    {
        var edited = Guid.NewGuid();
        IReadOnlyList<NoteView> notes = [Note(10, "First", 1), Note(20, "Before the edit", 2, 1, edited), Note(30, "Third", 3)];
        var panel = RenderPanel(notes);
        var before = Items(panel);

        panel.Render(p => p.Add(c => c.Notes, NoteList.WithChange(notes, Note(20, "After the edit", 2, 2, edited))));

        var after = Items(panel);
        Assert.Equal(before[edited].Renders + 1, after[edited].Renders);
        Assert.Equal(before[notes[0].Id].Renders, after[notes[0].Id].Renders);
        Assert.Equal(["First", "After the edit", "Third"], panel.FindAll("[data-testid=note-body]").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void NewNamesForMentions_RenderEveryItemAgain()
    {
        IReadOnlyList<NoteView> notes = [Note(10, "First", 1), Note(20, "Second", 2)];
        var panel = RenderPanel(notes);
        var before = Items(panel);

        panel.Render(p => p.Add(c => c.Members, [.. Members, new(Guid.NewGuid(), "Wes Okafor", ProjectRole.Writer)]));

        Assert.All(Items(panel), entry => Assert.True(entry.Value.Renders > before[entry.Key].Renders));
    }

    [Fact]
    public void TakesArrivingThatAnswerANote_ShowOnThatNote_AndOneResolvedByApprovalNamesItsTake()
    {
        var answered = Guid.NewGuid();
        IReadOnlyList<NoteView> notes = [Note(10, "Brighter lantern", 1, 1, answered), Note(20, "Untouched", 2)];
        var panel = RenderPanel(notes);
        Assert.Empty(panel.FindAll("[data-testid=note-answered-by]"));

        var v003 = new AnsweringTake(Guid.NewGuid(), 3);
        panel.Render(p => p.Add(c => c.AnsweredBy, new Dictionary<Guid, IReadOnlyList<AnsweringTake>> { [answered] = [v003, new(Guid.NewGuid(), 4)] }));

        var answeredBy = Assert.Single(panel.FindAll("[data-testid=note-answered-by]"));
        Assert.Equal(["v003", "v004"], answeredBy.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.Equal($"/takes/{v003.TakeId}", answeredBy.QuerySelector("a")!.GetAttribute("href"));

        var resolved = Note(10, "Brighter lantern", 1, 2, answered) with { ResolvedAt = Start.AddHours(1), ResolvedByUserId = Dana, ResolvedByTakeId = v003.TakeId };
        panel.Render(p => p.Add(c => c.Notes, NoteList.WithChange(notes, resolved)));
        Assert.Equal("v003", panel.Find("[data-testid=note-resolved-by]").TextContent);
    }

    [Fact]
    public void AskingForTakes_IsOfferedOnOpenNotes_OnlyWhenThePageMayAsk()
    {
        IReadOnlyList<NoteView> notes = [Note(10, "Open", 1), Note(20, "Done", 2) with { ResolvedAt = Start, ResolvedByUserId = Dana }];
        var panel = RenderPanel(notes);
        Assert.Empty(panel.FindAll("[data-testid=note-ask-for-takes]"));

        Guid? asked = null;
        panel.Render(p => p.Add(c => c.OnAskForTakes, (Guid id) => asked = id));
        panel.Find("[data-testid=note-ask-for-takes]").Click();

        Assert.Single(panel.FindAll("[data-testid=note-ask-for-takes]"));
        Assert.Equal(notes[0].Id, asked);
    }
}
