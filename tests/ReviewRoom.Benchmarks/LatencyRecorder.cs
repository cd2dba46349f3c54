using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Counts, per message, how many room members received it and when the last one did; per connection,
/// whether sequences ever went backwards or skipped. When the sender was answered and when the first member had it
/// split a message's time into its write (the acknowledgement), its way to the room (the first member) and the
/// fan-out (the last).
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

    public void Acknowledged(string messageId)
    {
        if (_deliveries.TryGetValue(messageId, out var delivery))
            delivery.Acknowledge(Stopwatch.GetTimestamp());
    }

    /// <summary>One delivered message's way: when it was sent and reached the last member, and its times in ms.</summary>
    public readonly record struct NoteTiming(string Id, long SentAt, long LastAt, double LastMs, double FirstMs, double AcknowledgedMs, double PausedMs);

    public IEnumerable<NoteTiming> Delivered() => _deliveries.Where(d => d.Value.Complete).Select(d =>
        new NoteTiming(d.Key, d.Value.SentAt, d.Value.LastAt, d.Value.LatencyMs, d.Value.FirstMs, d.Value.AcknowledgedMs, d.Value.PausedMs));

    public bool AllDelivered => _deliveries.Values.All(d => d.Complete);

    public Summary Summarise(string name)
    {
        var complete = _deliveries.Values.Where(d => d.Complete).Select(d => d.LatencyMs).Order().ToArray();
        var lost = _deliveries.Values.Sum(d => d.Missing);
        var acknowledged = _deliveries.Values.Select(d => d.AcknowledgedMs).Where(ms => !double.IsNaN(ms)).Order().ToArray();
        var first = _deliveries.Values.Select(d => d.FirstMs).Where(ms => !double.IsNaN(ms)).Order().ToArray();
        return new Summary(name, _deliveries.Count, complete.Length, lost, _outOfOrder,
            Statistics.Percentile(complete, 50), Statistics.Percentile(complete, 95), Statistics.Percentile(complete, 99), complete.LastOrDefault())
        {
            AcknowledgedP50 = Statistics.Percentile(acknowledged, 50),
            AcknowledgedP99 = Statistics.Percentile(acknowledged, 99),
            FirstP50 = Statistics.Percentile(first, 50),
            FirstP99 = Statistics.Percentile(first, 99),
        };
    }

    private sealed class Delivery(long sentAt, int expected)
    {
        // The process's total collector pause when the message was sent, and the pause it met on its way.
        private readonly TimeSpan _pausedBefore = GC.GetTotalPauseDuration();
        private int _received;
        private long _lastAt;
        private long _firstAt;
        private long _acknowledgedAt;

        public bool Complete => Volatile.Read(ref _received) >= expected;
        public int Missing => Math.Max(0, expected - Volatile.Read(ref _received));
        public double LatencyMs => Since(Volatile.Read(ref _lastAt));
        public double FirstMs => Since(Interlocked.Read(ref _firstAt));
        public double AcknowledgedMs => Since(Interlocked.Read(ref _acknowledgedAt));
        public double PausedMs { get; private set; }
        public long SentAt => sentAt;
        public long LastAt => Volatile.Read(ref _lastAt);

        public void Acknowledge(long at) => Interlocked.Exchange(ref _acknowledgedAt, at);

        public void Receive(long at)
        {
            Interlocked.CompareExchange(ref _firstAt, at, 0);
            if (Interlocked.Increment(ref _received) == expected)
            {
                PausedMs = (GC.GetTotalPauseDuration() - _pausedBefore).TotalMilliseconds;
                Volatile.Write(ref _lastAt, at);
            }
        }

        private double Since(long at) => at == 0 ? double.NaN : (at - sentAt) * 1000.0 / Stopwatch.Frequency;
    }
}

internal sealed record Summary(string Name, int Messages, int FullyDelivered, int LostDeliveries, int OutOfOrder, double P50, double P95, double P99, double Max)
{
    /// <summary>Connections that were dropped while they opened or joined, and opened again.</summary>
    public int Reopened { get; init; }

    /// <summary>Until the sender's call returned: the write, for ReviewRoom; NaN where nobody was answered.</summary>
    public double AcknowledgedP50 { get; init; } = double.NaN;
    public double AcknowledgedP99 { get; init; } = double.NaN;

    /// <summary>Until the first member of the room had it.</summary>
    public double FirstP50 { get; init; } = double.NaN;
    public double FirstP99 { get; init; } = double.NaN;

    /// <summary>Repeated runs of one side as one: the median of each percentile, the highest max, the totals of the counts.</summary>
    public static Summary MedianOf(IReadOnlyList<Summary> runs)
    {
        if (runs.Count == 1)
            return runs[0];
        return new Summary(runs[0].Name, runs.Sum(r => r.Messages), runs.Sum(r => r.FullyDelivered), runs.Sum(r => r.LostDeliveries), runs.Sum(r => r.OutOfOrder),
            Statistics.Median(runs.Select(r => r.P50)), Statistics.Median(runs.Select(r => r.P95)), Statistics.Median(runs.Select(r => r.P99)), runs.Max(r => r.Max))
        {
            Reopened = runs.Sum(r => r.Reopened),
            AcknowledgedP50 = Statistics.Median(runs.Select(r => r.AcknowledgedP50)),
            AcknowledgedP99 = Statistics.Median(runs.Select(r => r.AcknowledgedP99)),
            FirstP50 = Statistics.Median(runs.Select(r => r.FirstP50)),
            FirstP99 = Statistics.Median(runs.Select(r => r.FirstP99)),
        };
    }
}
