using Bunit;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Projects.Components;

namespace ReviewRoom.UnitTests.Web.Projects;

public class LineageTreeTests : MudComponentTest
{
    private static TakeCardModel Take(int version, TakeRelation relation = TakeRelation.Original, int? parent = null) => new(
        Guid.NewGuid(), Guid.Empty, version, "veo-3", FrameRate.Fps24, 48, 640, 360, true, relation, parent, version,
        new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Render_NestsEachTakeUnderItsParent_WithStatusAndTheCircledOne()
    {
        TakeCardModel[] takes = [Take(1), Take(2, TakeRelation.ReRoll, 1), Take(3, TakeRelation.Extend, 2), Take(4, TakeRelation.Variation, 1)];
        var shot = new ShotCardModel(Guid.NewGuid(), 1, "SH010", "", "", takes);

        var tree = Render<LineageTree>(p => p
            .Add(c => c.Shot, shot)
            .Add(c => c.Statuses, new Dictionary<Guid, TakeStatus> { [takes[2].Id] = TakeStatus.Approved })
            .Add(c => c.CircledTakeId, takes[2].Id));

        var nodes = tree.FindAll("[data-testid=lineage-node]");
        Assert.Equal(["1:0", "2:1", "3:2", "4:1"], nodes.Select(n => $"{n.GetAttribute("data-version")}:{n.GetAttribute("data-depth")}"));
        Assert.Contains("Extension", nodes[2].TextContent);
        Assert.Contains("Approved", nodes[2].TextContent);
        Assert.Contains("rr-lineage-circled", nodes[2].ClassName);
        Assert.Equal($"/takes/{takes[3].Id}", nodes[3].GetAttribute("href"));
    }
}
