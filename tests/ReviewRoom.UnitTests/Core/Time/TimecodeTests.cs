using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Time;

public class TimecodeTests
{
    // Hand-checked vectors. Drop-frame at 29.97 skips labels ;00 and ;01 at each minute except
    // minutes divisible by ten (17,982 frames per ten minutes, 107,892 per hour); 59.94 skips four
    // labels (35,964 per ten minutes, 215,784 per hour). Non-drop rates count whole nominal frames.
    [Theory]
    [InlineData("24000/1001", false, 0L, "00:00:00:00")]
    [InlineData("24000/1001", false, 23L, "00:00:00:23")]
    [InlineData("24000/1001", false, 24L, "00:00:01:00")]
    [InlineData("24000/1001", false, 1440L, "00:01:00:00")]
    [InlineData("24000/1001", false, 86400L, "01:00:00:00")]
    [InlineData("24", false, 1439L, "00:00:59:23")]
    [InlineData("24", false, 86399L, "00:59:59:23")]
    [InlineData("24", false, 2073600L, "24:00:00:00")]
    [InlineData("25", false, 25L, "00:00:01:00")]
    [InlineData("25", false, 1499L, "00:00:59:24")]
    [InlineData("25", false, 90000L, "01:00:00:00")]
    [InlineData("30000/1001", true, 0L, "00:00:00;00")]
    [InlineData("30000/1001", true, 29L, "00:00:00;29")]
    [InlineData("30000/1001", true, 1799L, "00:00:59;29")]
    [InlineData("30000/1001", true, 1800L, "00:01:00;02")]
    [InlineData("30000/1001", true, 1801L, "00:01:00;03")]
    [InlineData("30000/1001", true, 3597L, "00:01:59;29")]
    [InlineData("30000/1001", true, 3598L, "00:02:00;02")]
    [InlineData("30000/1001", true, 17981L, "00:09:59;29")]
    [InlineData("30000/1001", true, 17982L, "00:10:00;00")]
    [InlineData("30000/1001", true, 17983L, "00:10:00;01")]
    [InlineData("30000/1001", true, 19782L, "00:11:00;02")]
    [InlineData("30000/1001", true, 107891L, "00:59:59;29")]
    [InlineData("30000/1001", true, 107892L, "01:00:00;00")]
    [InlineData("30000/1001", false, 1800L, "00:01:00:00")]
    [InlineData("30000/1001", false, 108000L, "01:00:00:00")]
    [InlineData("30", false, 1800L, "00:01:00:00")]
    [InlineData("30", false, 107999L, "00:59:59:29")]
    [InlineData("60000/1001", true, 3599L, "00:00:59;59")]
    [InlineData("60000/1001", true, 3600L, "00:01:00;04")]
    [InlineData("60000/1001", true, 3603L, "00:01:00;07")]
    [InlineData("60000/1001", true, 35963L, "00:09:59;59")]
    [InlineData("60000/1001", true, 35964L, "00:10:00;00")]
    [InlineData("60000/1001", true, 215784L, "01:00:00;00")]
    [InlineData("60", false, 3600L, "00:01:00:00")]
    [InlineData("60", false, 215999L, "00:59:59:59")]
    public void FromFrame_KnownVectors_MatchReference(string rate, bool dropFrame, long frame, string expected)
    {
        var frameRate = FrameRate.Parse(rate);

        var timecode = Timecode.FromFrame(frame, frameRate, dropFrame);

        Assert.Equal(expected, timecode.ToString());
        Assert.Equal(frame, Timecode.Parse(expected, frameRate).ToFrame(frameRate));
    }

    [Theory]
    [InlineData("24000/1001")]
    [InlineData("24")]
    [InlineData("25")]
    [InlineData("30000/1001")]
    [InlineData("30")]
    [InlineData("50")]
    [InlineData("60000/1001")]
    [InlineData("60")]
    public void FromFrame_EveryFrameOfTheFirstElevenMinutes_RoundTripsAndNeverRepeatsALabel(string rate)
    {
        var frameRate = FrameRate.Parse(rate);
        var minutes = frameRate.FramesIn(11 * 60);
        var previous = "";
        for (long frame = 0; frame < minutes; frame++)
        {
            var timecode = Timecode.FromFrame(frame, frameRate);
            var text = timecode.ToString();
            Assert.Equal(frame, timecode.ToFrame(frameRate));
            Assert.True(string.CompareOrdinal(text, previous) > 0, $"{text} after {previous} at frame {frame}");
            previous = text;
        }
    }

    [Fact]
    public void FromFrame_DropFrameAtOneHour_StaysWithinAFrameOfWallClock()
    {
        // The point of drop-frame: one hour of 29.97 video reads 01:00:00;00 (non-drop would read 00:59:56:12).
        var frames = (long)Math.Round(3600 * FrameRate.Fps29_97.FramesPerSecond);

        Assert.Equal("01:00:00;00", Timecode.FromFrame(frames, FrameRate.Fps29_97).ToString());
        Assert.Equal("00:59:56:12", Timecode.FromFrame(frames, FrameRate.Fps29_97, dropFrame: false).ToString());
    }

    [Theory]
    [InlineData("00:01:00;00", "drop-frame skips frames 00 to 01")]
    [InlineData("00:01:00;01", "drop-frame skips frames 00 to 01")]
    [InlineData("00:00:00:30", "frames run from 00 to 29")]
    [InlineData("00:60:00;00", "minutes run from 00 to 59")]
    [InlineData("00:00:61;00", "seconds run from 00 to 59")]
    [InlineData("1:2:3", "expected HH:MM:SS:FF")]
    [InlineData("aa:bb:cc:dd", "expected HH:MM:SS:FF")]
    [InlineData("", "Timecode is empty")]
    public void TryParse_InvalidAt2997_ExplainsTheProblem(string text, string expectedReason)
    {
        var ok = Timecode.TryParse(text, FrameRate.Fps29_97, out _, out var error);

        Assert.False(ok);
        Assert.Contains(expectedReason, error);
    }

    [Fact]
    public void TryParse_DropFrameAtTenthMinute_IsValid()
    {
        Assert.True(Timecode.TryParse("00:10:00;00", FrameRate.Fps29_97, out var timecode, out _));
        Assert.Equal(17982, timecode.ToFrame(FrameRate.Fps29_97));
    }

    [Fact]
    public void TryParse_DropFrameSeparatorAt24_IsRefused()
    {
        var ok = Timecode.TryParse("00:00:01;00", FrameRate.Fps24, out _, out var error);

        Assert.False(ok);
        Assert.Contains("does not use", error);
    }

    [Fact]
    public void FromFrame_DropFrameAt25_Throws()
    {
        Assert.Throws<ArgumentException>(() => Timecode.FromFrame(10, FrameRate.Fps25, dropFrame: true));
    }

    [Fact]
    public void FromFrame_NegativeFrame_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Timecode.FromFrame(-1, FrameRate.Fps24));
    }

    [Fact]
    public void FromFrame_DefaultsToDropFrameOnlyWhereTheRateUsesIt()
    {
        Assert.True(Timecode.FromFrame(0, FrameRate.Fps29_97).DropFrame);
        Assert.True(Timecode.FromFrame(0, FrameRate.Fps59_94).DropFrame);
        Assert.False(Timecode.FromFrame(0, FrameRate.Fps23_976).DropFrame);
        Assert.False(Timecode.FromFrame(0, FrameRate.Fps30).DropFrame);
    }
}
