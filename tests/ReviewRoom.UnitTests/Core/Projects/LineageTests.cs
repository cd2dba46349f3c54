using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Projects;

public class LineageTests
{
    private static LineageTake Take(int version, LineageTake? parent = null, TakeRelation relation = TakeRelation.ReRoll) =>
        new(Guid.NewGuid(), version, parent?.Id, parent is null ? TakeRelation.Original : relation);

    [Fact]
    public void Build_ReRollsExtensionsAndVariations_HangUnderTheirParentsInVersionOrder()
    {
        var v1 = Take(1);
        var v2 = Take(2, v1);
        var v3 = Take(3, v2, TakeRelation.Extend);
        var v4 = Take(4, v1, TakeRelation.Variation);
        var v5 = Take(5);

        var roots = Lineage.Build([v5, v3, v1, v4, v2]);

        Assert.Equal([1, 5], roots.Select(r => r.Take.Version));
        Assert.Equal([2, 4], roots[0].Children.Select(c => c.Take.Version));
        Assert.Equal(3, Assert.Single(roots[0].Children[0].Children).Take.Version);
        Assert.Equal(2, roots[0].Children[0].Children[0].Depth);
        Assert.Equal([1, 2, 3, 4, 5], Lineage.Flatten(roots).Select(n => n.Take.Version));
    }

    [Fact]
    public void Build_ParentFromElsewhere_StartsItsOwnTree()
    {
        var stranger = Take(1);
        var orphan = Take(2, stranger);

        var roots = Lineage.Build([orphan]);

        Assert.Equal(orphan.Id, Assert.Single(roots).Take.Id);
    }

    [Fact]
    public void Build_CycleInBadData_StillShowsEveryTakeOnce()
    {
        var a = new LineageTake(Guid.NewGuid(), 1, null, TakeRelation.ReRoll);
        var b = new LineageTake(Guid.NewGuid(), 2, a.Id, TakeRelation.ReRoll);
        a = a with { ParentTakeId = b.Id };

        var flat = Lineage.Flatten(Lineage.Build([a, b])).ToList();

        Assert.Equal(2, flat.Count);
        Assert.Equal(2, flat.Select(n => n.Take.Id).Distinct().Count());
    }
}
