using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Takes.Components;

namespace ReviewRoom.UnitTests.Web.Account;

public class SignInPageTests
{
    [Theory]
    [InlineData("/projects/1", "/projects/1")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public void SafeReturnUrl_OnlyAllowsPathsOnThisSite(string? returnUrl, string expected)
    {
        Assert.Equal(expected, SignInPage.SafeReturnUrl(returnUrl));
    }
}

public class GenerationPanelTests
{
    [Fact]
    public void ReadParameters_Object_ListsTopLevelNamesAndValues()
    {
        var parameters = GenerationPanel.ReadParameters("""{"steps":30,"sampler":"unipc","size":[640,360]}""");

        Assert.Equal([("steps", "30"), ("sampler", "unipc"), ("size", "[640,360]")], parameters);
    }

    [Fact]
    public void ReadParameters_NotJson_ShowsTheTextAsItIs()
    {
        Assert.Equal([("raw", "steps=30")], GenerationPanel.ReadParameters("steps=30"));
    }
}
