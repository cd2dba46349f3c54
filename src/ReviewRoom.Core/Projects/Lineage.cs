namespace ReviewRoom.Core.Projects;

/// <summary>What the lineage needs to know of a take.</summary>
public sealed record LineageTake(Guid Id, int Version, Guid? ParentTakeId, TakeRelation Relation);

/// <summary>A take in its shot's family tree, with the takes made from it.</summary>
public sealed record LineageNode(LineageTake Take, int Depth, IReadOnlyList<LineageNode> Children);

public static class Lineage
{
    /// <summary>
    /// Builds a shot's tree of takes by parent. Takes whose parent is not among them (another shot's, or
    /// removed) start trees of their own, so no take is ever left out. Siblings run in version order.
    /// </summary>
    public static IReadOnlyList<LineageNode> Build(IEnumerable<LineageTake> takes)
    {
        var all = takes.OrderBy(t => t.Version).ToList();
        var ids = all.Select(t => t.Id).ToHashSet();
        var children = all.Where(t => t.ParentTakeId is { } parent && ids.Contains(parent) && parent != t.Id)
            .ToLookup(t => t.ParentTakeId!.Value);
        var placed = new HashSet<Guid>();

        LineageNode Grow(LineageTake take, int depth)
        {
            placed.Add(take.Id);
            // A cycle in bad data must not recurse forever: a take already placed is not placed again.
            var kids = children[take.Id].Where(c => !placed.Contains(c.Id)).ToList();
            return new LineageNode(take, depth, kids.Select(c => Grow(c, depth + 1)).ToList());
        }

        var roots = all.Where(t => t.ParentTakeId is not { } parent || !ids.Contains(parent) || parent == t.Id).Select(t => Grow(t, 0)).ToList();
        // Anything still unplaced sits on a cycle; show it rather than lose it.
        foreach (var take in all)
            if (!placed.Contains(take.Id))
                roots.Add(Grow(take, 0));
        return roots;
    }

    /// <summary>The tree in reading order: each take followed by what was made from it.</summary>
    public static IEnumerable<LineageNode> Flatten(IEnumerable<LineageNode> roots) =>
        roots.SelectMany(root => Flatten(root.Children).Prepend(root));
}
