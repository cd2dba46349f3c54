using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Time;

public class FrameLockTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(24, 30)]     // one second in
    [InlineData(23, 29)]     // the centre of 23 at 24 fps (0.979 s) falls in frame 29 at 30 fps
    [InlineData(100, 119)]   // past the end of a 120-frame follower: hold its last frame
    public void Follow_ByTimecode_From24To30_StandsOnTheSameMoment(long leader, long expected)
    {
        Assert.Equal(expected, FrameLock.Follow(leader, FrameRate.Fps24, FrameRate.Fps30, 120, FrameLockMode.ByTimecode));
    }

    [Fact]
    public void Follow_ByTimecode_From23976To2997_KeepsTheMomentAcrossNtscRates()
    {
        // 1001 frames at 23.976 = 41.75 s = 1251.25 frames at 29.97: frame 1251.
        Assert.Equal(1251, FrameLock.Follow(1001, FrameRate.Fps23_976, FrameRate.Fps29_97, 10_000, FrameLockMode.ByTimecode));
    }

    [Fact]
    public void Follow_ByFrame_KeepsTheNumberAndClampsToTheFollower()
    {
        Assert.Equal(57, FrameLock.Follow(57, FrameRate.Fps24, FrameRate.Fps60, 150, FrameLockMode.ByFrame));
        Assert.Equal(149, FrameLock.Follow(400, FrameRate.Fps24, FrameRate.Fps60, 150, FrameLockMode.ByFrame));
    }
}
