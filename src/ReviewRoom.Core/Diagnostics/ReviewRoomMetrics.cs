using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReviewRoom.Core.Diagnostics;

/// <summary>
/// How long the server's own steps take, for an operator watching a node (<c>dotnet-counters monitor --counters
/// ReviewRoom</c>, or any OpenTelemetry collector): a slow room shows whether the time goes to waiting for the
/// project's turn, to the database write, or to the rest of the hub call.
/// </summary>
public static class ReviewRoomMetrics
{
    public const string MeterName = "ReviewRoom";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>From a room change being asked for to its turn to write (the project's line on this node and its row lock).</summary>
    public static readonly Histogram<double> WriteWait = Meter.CreateHistogram<double>("reviewroom.room.write.wait", "s", "Time a room change waits for its project's turn to write");

    /// <summary>From its turn to its commit: the change, its numbered event and the commit.</summary>
    public static readonly Histogram<double> WriteCommit = Meter.CreateHistogram<double>("reviewroom.room.write.commit", "s", "Time a room change takes from its turn to its commit");

    /// <summary>From the commit to every subscriber on this node having been handed the event.</summary>
    public static readonly Histogram<double> Publish = Meter.CreateHistogram<double>("reviewroom.room.publish", "s", "Time from a room change's commit until this node's subscribers have it");

    /// <summary>A hub method from its message being read to its answer, per method.</summary>
    public static readonly Histogram<double> HubCall = Meter.CreateHistogram<double>("reviewroom.hub.call", "s", "Time a hub method takes, from its message to its answer");

    /// <summary>SQLite: one copy of the write-ahead log into the database file, beside the writers.</summary>
    public static readonly Histogram<double> Checkpoint = Meter.CreateHistogram<double>("reviewroom.sqlite.checkpoint", "s", "Time one copy of SQLite's write-ahead log into the database file takes");

    public static void Record(Histogram<double> histogram, long startedAt) =>
        histogram.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);

    public static void Record(Histogram<double> histogram, long startedAt, KeyValuePair<string, object?> tag) =>
        histogram.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tag);
}
