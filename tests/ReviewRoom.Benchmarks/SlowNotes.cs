using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using ReviewRoom.Core.Diagnostics;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// With --slowest N: the N slowest notes of each run, each with what the server measured while it was on its way (the
/// hub call, the wait for the write turn, the commit, the publication, from ReviewRoom's own meter in this process)
/// and the collector's pauses in that time. A tail is a handful of notes; an average hides what held them.
/// </summary>
internal sealed class SlowNotes : IDisposable
{
    private readonly ConcurrentQueue<(long At, string Stage, double Ms)> _stages = new();
    private readonly MeterListener _listener = new();

    public SlowNotes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReviewRoomMetrics.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, _, _) =>
            _stages.Enqueue((Stopwatch.GetTimestamp(), instrument.Name.Replace("reviewroom.", "", StringComparison.Ordinal), seconds * 1000)));
        _listener.Start();
    }

    public void Print(string run, IEnumerable<LatencyRecorder.NoteTiming> notes, int count)
    {
        Console.WriteLine($"The {count} slowest notes of {run} (ms from sending; a stage is its duration @ when it ended):");
        var stages = _stages.ToArray();
        _stages.Clear();
        foreach (var note in notes.OrderByDescending(n => n.LastMs).Take(count))
        {
            var during = stages.Where(s => s.At >= note.SentAt && s.At <= note.LastAt)
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Ms:0.0}@{(s.At - note.SentAt) * 1000.0 / Stopwatch.Frequency:0.0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {note.Id}: last member {note.LastMs:0.0}, first {note.FirstMs:0.0}, answered {note.AcknowledgedMs:0.0}, collector paused {note.PausedMs:0.0}; {string.Join(", ", during)}"));
        }
    }

    public void Dispose() => _listener.Dispose();
}
