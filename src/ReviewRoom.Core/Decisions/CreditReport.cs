using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Decisions;

/// <summary>A take as credit accounting sees it: what it cost, how long it runs, where the review left it.</summary>
public sealed record CreditTake(Guid Id, Guid ShotId, decimal Credits, long DurationFrames, FrameRate Rate, TakeStatus Status);

public sealed record ShotCredits(Guid ShotId, decimal AllTakes, decimal? CircledTake, int TakeCount);

/// <summary>
/// What the generations of a project cost and what that bought: credits per shot (every take, and the
/// circled one), spent on takes that were rejected, and per second of approved, circled picture.
/// </summary>
public sealed record CreditReport(decimal Total, decimal OnRejected, double ApprovedCutSeconds, decimal? PerApprovedSecond, IReadOnlyList<ShotCredits> Shots)
{
    public static CreditReport Build(IEnumerable<CreditTake> takes, IReadOnlyDictionary<Guid, Guid?> circledByShot)
    {
        var all = takes.ToList();
        var byId = all.ToDictionary(t => t.Id);
        var shots = all.GroupBy(t => t.ShotId).Select(g =>
        {
            var circled = circledByShot.GetValueOrDefault(g.Key) is { } id && byId.TryGetValue(id, out var take) ? take.Credits : (decimal?)null;
            return new ShotCredits(g.Key, g.Sum(t => t.Credits), circled, g.Count());
        }).ToList();
        var approvedCut = circledByShot.Values.OfType<Guid>()
            .Select(id => byId.GetValueOrDefault(id))
            .Where(t => t is { Status: TakeStatus.Approved })
            .Sum(t => t!.Rate.SecondsAt(t.DurationFrames));
        var total = all.Sum(t => t.Credits);
        return new CreditReport(
            total,
            all.Where(t => t.Status == TakeStatus.Rejected).Sum(t => t.Credits),
            approvedCut,
            approvedCut > 0 ? decimal.Round(total / (decimal)approvedCut, 2) : null,
            shots);
    }
}
