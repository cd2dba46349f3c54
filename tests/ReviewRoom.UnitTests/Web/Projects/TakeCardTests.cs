using Bunit;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Projects.Components;

namespace ReviewRoom.UnitTests.Web.Projects;

public class TakeCardTests : MudComponentTest
{
    private static TakeCardModel Take(TakeRelation relation = TakeRelation.Original, int? parent = null, bool poster = true) => new(
        Guid.NewGuid(), Guid.NewGuid(), 3, "Runway Gen-4", FrameRate.Fps29_97, 120, 640, 360, poster, relation, parent, 25m,
        new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Render_ShowsVersionModelDurationAndLinksToTheTake()
    {
        var take = Take();

        var card = Render<TakeCard>(p => p.Add(c => c.Take, take).Add(c => c.ShotCode, "SH020"));

        Assert.Equal("v003", card.Find("[data-testid=take-version]").TextContent);
        Assert.Equal("Runway Gen-4", card.Find("[data-testid=take-model]").TextContent);
        Assert.Equal("00:00:04;00", card.Find("[data-testid=take-duration]").TextContent);
        Assert.Equal($"/takes/{take.Id}", card.Find("a").GetAttribute("href"));
        Assert.Equal($"/media/takes/{take.Id}/poster", card.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void Render_ReRoll_NamesItsParentVersion()
    {
        var card = Render<TakeCard>(p => p.Add(c => c.Take, Take(TakeRelation.ReRoll, 2)));

        Assert.Equal("Re-roll of v002", card.Find("[data-testid=take-lineage]").TextContent);
    }

    [Fact]
    public void Render_WithoutPoster_ShowsAPlaceholderInsteadOfABrokenImage()
    {
        var card = Render<TakeCard>(p => p.Add(c => c.Take, Take(poster: false)));

        Assert.Empty(card.FindAll("img"));
        Assert.NotNull(card.Find(".rr-take-thumb-empty"));
    }
}
