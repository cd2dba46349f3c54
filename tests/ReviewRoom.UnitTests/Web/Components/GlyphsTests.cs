using MudBlazor;
using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

/// <summary>MudBlazor's icons and button content as markup the whole server shares.</summary>
public sealed class GlyphsTests
{
    [Fact]
    public void ALabel_IsTheIconThenTheEncodedWords_InMudBlazorsButtonClasses()
    {
        var label = Glyphs.Label(Icons.Material.Outlined.Share, "Share <for> review").Value;

        Assert.StartsWith("<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-small\"><svg ", label, StringComparison.Ordinal);
        Assert.Contains(Icons.Material.Outlined.Share, label, StringComparison.Ordinal);
        Assert.EndsWith("</svg></span>Share &lt;for&gt; review</span>", label, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameLabel_IsOneStringForEveryPage()
    {
        Assert.Same(Glyphs.Label(Icons.Material.Outlined.Group, "People").Value, Glyphs.Label(Icons.Material.Outlined.Group, "People").Value);
        Assert.NotEqual(Glyphs.Label(Icons.Material.Outlined.Group, "People").Value, Glyphs.Label(Icons.Material.Outlined.Group, "Members").Value);
    }
}
