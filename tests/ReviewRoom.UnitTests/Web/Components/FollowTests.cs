using Bunit;
using Microsoft.AspNetCore.Components;
using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

public class FollowTests : MudComponentTest
{
    private IRenderedComponent<Follow<string>> RenderFollowing(Followed<string> value) =>
        Render<Follow<string>>(p => p
            .Add(c => c.Source, value)
            .Add(c => c.ChildContent, (RenderFragment<string>)(text => builder => builder.AddMarkupContent(0, $"<span data-testid=\"shown\">{text}</span>"))));

    [Fact]
    public async Task AChange_DrawsTheFollowerAgain_AndTheSameValueDoesNot()
    {
        var value = new Followed<string>("the first note");
        var follow = RenderFollowing(value);

        await follow.InvokeAsync(() => value.SetAsync("a second note"));
        Assert.Equal("a second note", follow.Find("[data-testid=shown]").TextContent);
        var draws = follow.RenderCount;

        await follow.InvokeAsync(() => value.SetAsync(value.Current));
        Assert.Equal(draws, follow.RenderCount);
    }

    [Fact]
    public async Task AFollowerThatWentAway_IsNoLongerTold()
    {
        var value = new Followed<string>("before");
        var follow = RenderFollowing(value);
        var draws = follow.RenderCount;

        await DisposeComponentsAsync();
        await value.SetAsync("after");

        Assert.Equal(draws, follow.RenderCount);
    }
}
