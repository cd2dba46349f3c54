using Bunit;
using MudBlazor;
using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

[Collection(ReviewRoom.UnitTests.Web.Components.SharedMarkupCollection.Name)]
public class BreadcrumbsTests : BunitContext
{
    [Fact]
    public void TheTrail_LinksEachPlaceAbove_AndNamesThePageItselfWithoutALink()
    {
        var trail = Render(Breadcrumbs.Trail(
        [
            new BreadcrumbItem("Projects", "/"),
            new BreadcrumbItem("Night <Market>", "/projects/1"),
            new BreadcrumbItem("SH020 v001", null, disabled: true),
        ]));

        var items = trail.FindAll("li.mud-breadcrumb-item");
        Assert.Equal(["Projects", "Night <Market>", "SH020 v001"], items.Select(i => i.TextContent));
        Assert.Equal(["/", "/projects/1"], trail.FindAll("a[href]").Select(a => a.GetAttribute("href")));
        var current = items[2].QuerySelector("a")!;
        Assert.False(current.HasAttribute("href"));
        Assert.Equal("page", current.GetAttribute("aria-current"));
        Assert.Equal(2, trail.FindAll("li.mud-breadcrumb-separator[aria-hidden=true]").Count);
        Assert.Equal("Breadcrumb", trail.Find("nav").GetAttribute("aria-label"));
    }

    /// <summary>Project names and shot codes are people's text: in the trail they stay text, and links stay ours.</summary>
    [Fact]
    public void HostileNames_AreShownAsText()
    {
        const string name = "<img src=x onerror=alert(1)>\"Night";

        var trail = Render(Breadcrumbs.Trail([new BreadcrumbItem(name, "/projects/1?a=\"b\"&c"), new BreadcrumbItem("<script>x</script>", null, disabled: true)]));

        Assert.Equal([name, "<script>x</script>"], trail.FindAll("li.mud-breadcrumb-item").Select(i => i.TextContent));
        Assert.Equal("/projects/1?a=\"b\"&c", trail.Find("a[href]").GetAttribute("href"));
        Assert.Empty(trail.FindAll("img, script"));
    }

    /// <summary>The memory point: every page showing the same trail holds one string between them.</summary>
    [Fact]
    public void TheSameTrailOnTwoPages_IsOneString()
    {
        var first = Breadcrumbs.Markup([new BreadcrumbItem("Projects", "/"), new BreadcrumbItem("Night Market", null, disabled: true)]);
        var second = Breadcrumbs.Markup([new BreadcrumbItem("Projects", "/"), new BreadcrumbItem("Night Market", null, disabled: true)]);

        Assert.Same(first, second);
    }

    [Fact]
    public void AnEmptyTrail_IsAnEmptyList()
    {
        var trail = Render(Breadcrumbs.Trail([]));

        Assert.Empty(trail.FindAll("li"));
    }
}
