using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Counts, per message, how many room members received it and when the last one did; per connection,
/// whether sequences ever went backwards or skipped.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<int, long> _lastSequence = new();
    private int _outOfOrder;

    public void Sent(string messageId, int expectedReceivers) =>
        _deliveries[messageId] = new Delivery(Stopwatch.GetTimestamp(), expectedReceivers);

    public void Received(string messageId, int connection, long sequence)
    {
        var now = Stopwatch.GetTimestamp();
        if (sequence > 0)
        {
            var previous = _lastSequence.GetOrAdd(connection, 0);
            if (previous != 0 && sequence <= previous)
                Interlocked.Increment(ref _outOfOrder);
            _lastSequence[connection] = Math.Max(previous, sequence);
        }
        if (_deliveries.TryGetValue(messageId, out var delivery))
            delivery.Receive(now);
    }

    public bool AllDelivered => _deliveries.Values.All(d => d.Complete);

    public Summary Summarise(string name)
    {
        var complete = _deliveries.Values.Where(d => d.Complete).Select(d => d.LatencyMs).Order().ToArray();
        var lost = _deliveries.Values.Sum(d => d.Missing);
        return new Summary(name, _deliveries.Count, complete.Length, lost, _outOfOrder,
            Percentile(complete, 50), Percentile(complete, 95), Percentile(complete, 99), complete.LastOrDefault());
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed class Delivery(long sentAt, int expected)
    {
        private int _received;
        private long _lastAt;

        public bool Complete => Volatile.Read(ref _received) >= expected;
        public int Missing => Math.Max(0, expected - Volatile.Read(ref _received));
        public double LatencyMs => (_lastAt - sentAt) * 1000.0 / Stopwatch.Frequency;

        public void Receive(long at)
        {
            if (Interlocked.Increment(ref _received) == expected)
                Volatile.Write(ref _lastAt, at);
        }
    }
}

internal sealed record Summary(string Name, int Messages, int FullyDelivered, int LostDeliveries, int OutOfOrder, double P50, double P95, double P99, double Max)
{
    /// <summary>Connections that were dropped while they opened or joined, and opened again.</summary>
    public int Reopened { get; init; }

    /// <summary>Repeated runs of one side as one: the median of each percentile, the highest max, the totals of the counts.</summary>
    public static Summary MedianOf(IReadOnlyList<Summary> runs)
    {
        if (runs.Count == 1)
            return runs[0];
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
            return sorted.Count == 0 ? double.NaN
                : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
                : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
        return new Summary(runs[0].Name, runs.Sum(r => r.Messages), runs.Sum(r => r.FullyDelivered), runs.Sum(r => r.LostDeliveries), runs.Sum(r => r.OutOfOrder),
            Median(runs.Select(r => r.P50)), Median(runs.Select(r => r.P95)), Median(runs.Select(r => r.P99)), runs.Max(r => r.Max))
        { Reopened = runs.Sum(r => r.Reopened) };
    }
}
