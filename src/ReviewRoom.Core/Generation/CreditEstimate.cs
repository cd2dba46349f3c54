namespace ReviewRoom.Core.Generation;

/// <summary>What a request will probably cost, from what the same model's recent takes in the project cost.</summary>
public sealed record CreditEstimate(decimal PerTake, decimal Total, int TakesSeen)
{
    /// <summary>How many of the model's latest takes the estimate looks at: recent enough to follow a price change.</summary>
    public const int RecentTakes = 20;

    /// <summary>
    /// The median of the latest <see cref="RecentTakes"/> costs (newest first in <paramref name="recentCosts"/>), times
    /// <paramref name="takes"/>. Takes that recorded no cost say nothing about the price and are left out; null when
    /// none is left. The median, because one long extension or a free retry should not move the estimate.
    /// </summary>
    public static CreditEstimate? For(IEnumerable<decimal> recentCosts, int takes)
    {
        var costs = recentCosts.Where(c => c > 0).Take(RecentTakes).Order().ToList();
        if (costs.Count == 0)
            return null;
        var middle = costs.Count / 2;
        var median = costs.Count % 2 == 1 ? costs[middle] : (costs[middle - 1] + costs[middle]) / 2;
        return new CreditEstimate(decimal.Round(median, 2), decimal.Round(median * takes, 2), costs.Count);
    }
}
