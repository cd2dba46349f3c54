using Bunit;
using Microsoft.AspNetCore.Components;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Projects.Components;

namespace ReviewRoom.UnitTests.Web.Projects;

[Collection(ReviewRoom.UnitTests.Web.Components.SharedMarkupCollection.Name)]
public class TakeCardTests : MudComponentTest
{
    private static TakeCardModel Take(TakeRelation relation = TakeRelation.Original, int? parent = null, bool poster = true, string model = "Runway Gen-4") => new(
        Guid.NewGuid(), Guid.NewGuid(), 3, model, FrameRate.Fps29_97, 120, 640, 360, poster, relation, parent, 25m,
        new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));

    private static readonly TakeCard.Review NoReview = new();

    [Fact]
    public void Render_ShowsVersionModelDurationAndLinksToTheTake()
    {
        var take = Take();

        var card = Render(TakeCard.Of(take, "SH020", NoReview));

        Assert.Equal("v003", card.Find("[data-testid=take-version]").TextContent);
        Assert.Equal("Runway Gen-4", card.Find("[data-testid=take-model]").TextContent);
        Assert.Equal("00:00:04;00", card.Find("[data-testid=take-duration]").TextContent);
        Assert.Equal($"/takes/{take.Id}", card.Find("a").GetAttribute("href"));
        Assert.Equal($"/media/takes/{take.Id}/poster", card.Find("img").GetAttribute("src"));
        Assert.Equal("SH020 v003, Runway Gen-4, 00:00:04;00", card.Find("a").GetAttribute("aria-label"));
        Assert.Equal(["Original", "·", "29.97 fps"], card.FindAll(".rr-take-sub span").Select(s => s.TextContent));
        Assert.Empty(card.FindAll(".rr-take-review"));
    }

    [Fact]
    public void Render_ReRoll_NamesItsParentVersion()
    {
        var card = Render(TakeCard.Of(Take(TakeRelation.ReRoll, 2), "SH020", NoReview));

        Assert.Equal("Re-roll of v002", card.Find("[data-testid=take-lineage]").TextContent);
    }

    [Fact]
    public void Render_WithoutPoster_ShowsAPlaceholderInsteadOfABrokenImage()
    {
        var card = Render(TakeCard.Of(Take(poster: false), "SH020", NoReview));

        Assert.Empty(card.FindAll("img"));
        Assert.NotNull(card.Find(".rr-take-thumb-empty svg"));
    }

    [Fact]
    public void TheReview_ShowsStatusVotersOpenNotesAndTheCircle()
    {
        var card = Render(TakeCard.Of(Take(), "SH020", new(TakeStatus.Approved, Circled: true, Votes: ["Dana Reyes", "Sam Okafor"], OpenNotes: 4)));

        var link = card.Find("a");
        Assert.Equal(["rr-take-card", "rr-take-circled"], link.ClassList);
        Assert.EndsWith(", circled for the cut", link.GetAttribute("aria-label"));
        Assert.Equal("Circled", card.Find(".rr-take-circle-badge").TextContent.Trim());
        Assert.Equal("Approved", card.Find("[data-testid=take-status]").GetAttribute("data-status"));
        var votes = card.Find("[data-testid=take-votes]");
        Assert.Equal("2", votes.TextContent.Trim());
        Assert.Equal("Dana Reyes, Sam Okafor", votes.GetAttribute("title"));
        Assert.Equal("4", card.Find("[data-testid=take-open-notes]").TextContent.Trim());
    }

    /// <summary>The model comes from a generator's metadata and names from people: both are text, never markup.</summary>
    [Fact]
    public void HostileModelAndVoterNames_AreShownAsText()
    {
        const string model = "<img src=x onerror=alert(1)>\"Veo";
        const string voter = "\"><script>alert(2)</script>";

        var card = Render(TakeCard.Of(Take(model: model), "SH<020>", new(TakeStatus.NotReviewed, Votes: [voter])));

        Assert.Equal(model, card.Find("[data-testid=take-model]").TextContent);
        Assert.Equal(voter, card.Find("[data-testid=take-votes]").GetAttribute("title"));
        Assert.Single(card.FindAll("img"));
        Assert.Empty(card.FindAll("script"));
        Assert.StartsWith("SH<020> v003, " + model, card.Find("a").GetAttribute("aria-label"));
    }

    [Fact]
    public void DraggingACard_TellsThePage_AndACardNobodyDragsHasNoHandler()
    {
        var dragged = 0;
        var card = Render(TakeCard.Of(Take(), "SH020", NoReview, EventCallback.Factory.Create(this, () => dragged++)));
        card.Find("a").DragStart();
        Assert.Equal(1, dragged);

        var still = Render(TakeCard.Of(Take(), "SH020", NoReview));
        Assert.Throws<MissingEventHandlerException>(() => still.Find("a").DragStart());
    }

    /// <summary>The memory point: two pages showing the same take in the same state hold one string between them.</summary>
    [Fact]
    public void TheSameCardOnTwoPages_SharesOneInside()
    {
        var take = Take();

        var first = TakeCard.Inside(take, new(TakeStatus.Approved, Votes: ["Dana Reyes"]));
        var second = TakeCard.Inside(take with { }, new(TakeStatus.Approved, Votes: ["Dana Reyes"]));
        var changed = TakeCard.Inside(take, new(TakeStatus.Rejected, Votes: ["Dana Reyes"]));

        Assert.Same(first, second);
        Assert.NotEqual(first, changed);
    }
}
