using Bunit;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Web.Features.Decisions.Components;

namespace ReviewRoom.UnitTests.Web.Decisions;

public class StatusChipTests : BunitContext
{
    [Theory]
    [InlineData(TakeStatus.NotReviewed, "rr-status-notreviewed", "Not reviewed")]
    [InlineData(TakeStatus.ChangesRequested, "rr-status-changesrequested", "Changes requested")]
    [InlineData(TakeStatus.Approved, "rr-status-approved", "Approved")]
    public void AStatus_IsNamedForPeople_ColouredByItsClass_AndMarkedForScripts(TakeStatus status, string colour, string name)
    {
        var chip = Render(StatusChip.Of(status, "shot-status")).Find("span");

        Assert.Equal(["rr-status", colour], chip.ClassList);
        Assert.Equal(name, chip.TextContent);
        Assert.Equal(status.ToString(), chip.GetAttribute("data-status"));
        Assert.Equal("shot-status", chip.GetAttribute("data-testid"));
    }

    [Fact]
    public void AnUnknownStatus_StillShows_AsAPlainChip()
    {
        var chip = Render(StatusChip.Of((TakeStatus)42)).Find("span");

        Assert.Equal(["rr-status"], chip.ClassList);
        Assert.Equal("42", chip.GetAttribute("data-status"));
        Assert.Equal("take-status", chip.GetAttribute("data-testid"));
    }
}
