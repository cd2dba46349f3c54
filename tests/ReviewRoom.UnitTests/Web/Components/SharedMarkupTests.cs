using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

/// <summary>
/// The tests that count on one kept copy (take cards, board parts, breadcrumbs) share this collection, so the test that
/// empties the table never runs between two of their calls.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedMarkupCollection
{
    public const string Name = "Shared markup";
}

[Collection(SharedMarkupCollection.Name)]
public class SharedMarkupTests
{
    [Fact]
    public void TheSameMarkup_IsKeptOnce()
    {
        var first = SharedMarkup.Of(new string('a', 10) + "<b>shared</b>");
        var second = SharedMarkup.Of(new string('a', 10) + "<b>shared</b>");

        Assert.Same(first, second);
    }

    /// <summary>Descriptions are long and every edit is new markup: the table lets go of old pieces instead of growing.</summary>
    [Fact]
    public void MuchText_IsNotKeptForever()
    {
        var first = SharedMarkup.Of($"<p>{Guid.NewGuid()}{new string('x', 4000)}</p>");

        for (var i = 0; i < 600; i++)
            SharedMarkup.Of($"<p>{Guid.NewGuid()}{new string('y', 4000)}</p>");
        var again = SharedMarkup.Of(string.Concat(first.AsSpan(0, first.Length - 4), "</p>"));

        Assert.Equal(first, again);
        Assert.NotSame(first, again);
    }
}
