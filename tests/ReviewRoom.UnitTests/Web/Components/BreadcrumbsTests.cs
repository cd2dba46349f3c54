using Bunit;
using MudBlazor;
using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

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

    [Fact]
    public void AnEmptyTrail_IsAnEmptyList()
    {
        var trail = Render(Breadcrumbs.Trail([]));

        Assert.Empty(trail.FindAll("li"));
    }
}
