using ReviewRoom.Core.Integrations;
using ReviewRoom.TestHost;

namespace ReviewRoom.UnitTests.Core.Integrations;

public class EventLogGapsTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public void IdsWithoutAHole_AreAllReadable()
    {
        var gaps = new EventLogGaps(Settle, new ManualClock());

        Assert.Equal(3, gaps.CountReadable([11, 12, 13], cursor: 10));
        Assert.Null(gaps.WaitingFor);
    }

    [Fact]
    public void AnIdMissingAfterTheCursor_HoldsTheReaderBeforeIt_UntilItCommits()
    {
        var clock = new ManualClock();
        var gaps = new EventLogGaps(Settle, clock);

        // 12 is still being committed by another project's write while 13 and 14 are already visible.
        Assert.Equal(1, gaps.CountReadable([11, 13, 14], cursor: 10));
        Assert.Equal(12, gaps.WaitingFor);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, gaps.CountReadable([13, 14], cursor: 11));
        Assert.Equal(12, gaps.WaitingFor);

        Assert.Equal(3, gaps.CountReadable([12, 13, 14], cursor: 11));
        Assert.Null(gaps.WaitingFor);
    }

    [Fact]
    public void AnIdStillMissingAfterTheSettleTime_IsPassedOver_AndTheNextHoleWaitsAfresh()
    {
        var clock = new ManualClock();
        var passedOver = new List<long>();
        var gaps = new EventLogGaps(Settle, clock, passedOver.Add);

        Assert.Equal(0, gaps.CountReadable([13, 14, 16], cursor: 10));
        clock.Advance(Settle);
        // 11 and 12 rolled back: the reader goes on past them, and stops at 15, missing only since now.
        Assert.Equal(2, gaps.CountReadable([13, 14, 16], cursor: 10));
        Assert.Equal([11], passedOver);
        Assert.Equal(15, gaps.WaitingFor);
        clock.Advance(Settle - TimeSpan.FromSeconds(1));
        Assert.Equal(0, gaps.CountReadable([16], cursor: 14));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, gaps.CountReadable([16], cursor: 14));
        Assert.Equal([11, 15], passedOver);
    }

    [Fact]
    public void WithNoSettleTime_AsWithOneWriterAtATime_HolesNeverHoldTheReader()
    {
        var gaps = new EventLogGaps(TimeSpan.Zero, new ManualClock());

        Assert.Equal(3, gaps.CountReadable([15, 20, 21], cursor: 10));
        Assert.Null(gaps.WaitingFor);
    }
}
