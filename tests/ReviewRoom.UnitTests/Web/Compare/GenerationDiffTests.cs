using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Features.Compare;

namespace ReviewRoom.UnitTests.Web.Compare;

public class GenerationDiffTests
{
    [Fact]
    public void Words_ChangedWord_IsRemovedThenAddedAndTheRestIsKept()
    {
        var pieces = GenerationDiff.Words("a courier in a yellow raincoat at dawn", "a courier in a red raincoat at dawn");

        Assert.Equal("a courier in a yellow raincoat at dawn", string.Concat(pieces.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
        Assert.Equal("a courier in a red raincoat at dawn", string.Concat(pieces.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
        Assert.Contains(pieces, p => p.Kind == DiffKind.Removed && p.Text.Contains("yellow"));
        Assert.Contains(pieces, p => p.Kind == DiffKind.Added && p.Text.Contains("red"));
        Assert.DoesNotContain(pieces, p => p.Kind != DiffKind.Same && p.Text.Contains("courier"));
    }

    [Fact]
    public void Words_SameText_IsOneUnchangedRun()
    {
        var piece = Assert.Single(GenerationDiff.Words("steam and lanterns", "steam and lanterns"));

        Assert.Equal(DiffKind.Same, piece.Kind);
    }

    [Fact]
    public void Parameters_ListsOnlyWhatDiffers_IncludingAddedAndRemovedSettings()
    {
        var before = new GenerationInfo { Model = "Runway Gen-4", Prompt = "p", Seed = 5520193, ParametersJson = """{"motion":0.8,"style":"cinematic","steps":30}""", CreditsSpent = 25 };
        var after = before with { Seed = 771902, ParametersJson = """{"motion":0.9,"style":"cinematic","camera":"handheld"}""" };

        var changes = GenerationDiff.Parameters(before, after);

        Assert.Equal(
            [new ParameterChange("seed", "5520193", "771902"), new ParameterChange("camera", null, "handheld"),
             new ParameterChange("motion", "0.8", "0.9"), new ParameterChange("steps", "30", null)],
            changes);
    }
}
