using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Generation;

/// <summary>
/// A take as the model report counts it: who made it, what it cost, how long it runs at its own rate, and where the
/// review left it (approved when, and whether it is the shot's circled take).
/// </summary>
public sealed record ModelReportTake(
    Guid TakeId,
    Guid ShotId,
    string ShotCode,
    int ShotOrder,
    string Model,
    int Version,
    decimal Credits,
    long DurationFrames,
    FrameRate Rate,
    TakeStatus Status,
    bool Circled,
    DateTime CreatedAt,
    DateTime? ApprovedAt);

/// <summary>One row of the report: a model across the project, or a shot across its models.</summary>
public sealed record ModelReportRow(
    string Name,
    int Takes,
    int Approved,
    int Circled,
    decimal Credits,
    double ApprovedSeconds,
    decimal? CreditsPerApprovedSecond,
    double? MedianTakesBeforeApproval)
{
    public double ApprovalRate => Takes == 0 ? 0 : (double)Approved / Takes;
    public double CircledRate => Takes == 0 ? 0 : (double)Circled / Takes;
}

/// <summary>Credits spent and approved seconds gained up to the end of one day, for the chart.</summary>
public sealed record ModelReportDay(DateOnly Day, decimal CreditsSoFar, double ApprovedSecondsSoFar);

/// <summary>
/// What each model costs the project and what it buys: takes, approval and circled rates, credits, credits per approved
/// second, and how many takes a shot needed before the first approved one. Seconds are each take's own frames at its own
/// rate, so takes of mixed rates add up truly. Rejected and unreviewed takes count in takes and credits, never in
/// approved seconds.
/// </summary>
public sealed record ModelReport(IReadOnlyList<ModelReportRow> Models, IReadOnlyList<ModelReportRow> Shots, ModelReportRow Total, IReadOnlyList<ModelReportDay> Days)
{
    public static ModelReport Build(IEnumerable<ModelReportTake> takes)
    {
        var all = takes.ToList();
        var models = all.GroupBy(t => t.Model, StringComparer.Ordinal).Select(g => Row(g.Key, g.ToList()))
            .OrderByDescending(r => r.Credits).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var shots = all.GroupBy(t => (t.ShotOrder, t.ShotCode, t.ShotId)).OrderBy(g => g.Key.ShotOrder).ThenBy(g => g.Key.ShotCode, StringComparer.Ordinal)
            .Select(g => Row(g.Key.ShotCode, g.ToList())).ToList();
        return new ModelReport(models, shots, Row("All models", all), RunningTotals(all));
    }

    private static ModelReportRow Row(string name, IReadOnlyList<ModelReportTake> takes)
    {
        var approved = takes.Where(t => t.Status == TakeStatus.Approved).ToList();
        var seconds = approved.Sum(t => t.Rate.SecondsAt(t.DurationFrames));
        var credits = takes.Sum(t => t.Credits);
        return new ModelReportRow(name, takes.Count, approved.Count, takes.Count(t => t.Circled), credits, seconds,
            seconds > 0 ? decimal.Round(credits / (decimal)seconds, 2) : null, MedianTakesBeforeApproval(takes));
    }

    /// <summary>
    /// For each shot among <paramref name="takes"/> with an approved take: how many of these takes came before its first
    /// approved one (by version, so the count is that of earlier tries). The median over those shots; null when none was approved.
    /// </summary>
    private static double? MedianTakesBeforeApproval(IReadOnlyList<ModelReportTake> takes)
    {
        var counts = takes.GroupBy(t => t.ShotId)
            .Select(shot => shot.OrderBy(t => t.Version).ToList())
            .Where(shot => shot.Any(t => t.Status == TakeStatus.Approved))
            .Select(shot => (double)shot.FindIndex(t => t.Status == TakeStatus.Approved))
            .Order().ToList();
        if (counts.Count == 0)
            return null;
        var middle = counts.Count / 2;
        return counts.Count % 2 == 1 ? counts[middle] : (counts[middle - 1] + counts[middle]) / 2;
    }

    /// <summary>Running totals per day: credits by when takes were made, approved seconds by when they were approved.</summary>
    private static IReadOnlyList<ModelReportDay> RunningTotals(IReadOnlyList<ModelReportTake> takes)
    {
        if (takes.Count == 0)
            return [];
        var spent = takes.GroupBy(t => DateOnly.FromDateTime(t.CreatedAt)).ToDictionary(g => g.Key, g => g.Sum(t => t.Credits));
        var gained = takes.Where(t => t is { Status: TakeStatus.Approved, ApprovedAt: not null })
            .GroupBy(t => DateOnly.FromDateTime(t.ApprovedAt!.Value)).ToDictionary(g => g.Key, g => g.Sum(t => t.Rate.SecondsAt(t.DurationFrames)));
        var first = spent.Keys.Concat(gained.Keys).Min();
        var last = spent.Keys.Concat(gained.Keys).Max();
        var days = new List<ModelReportDay>();
        decimal credits = 0;
        double seconds = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            credits += spent.GetValueOrDefault(day);
            seconds += gained.GetValueOrDefault(day);
            days.Add(new ModelReportDay(day, credits, seconds));
        }
        return days;
    }
}
