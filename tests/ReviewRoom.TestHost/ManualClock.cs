namespace ReviewRoom.TestHost;

/// <summary>A clock whose monotonic time moves only when a test says so: for what must age out, without waiting.</summary>
public sealed class ManualClock : TimeProvider
{
    public long Ticks { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Ticks;

    public void Advance(TimeSpan by) => Ticks += by.Ticks;
}
