using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Time;

public class FrameRateTests
{
    [Theory]
    [InlineData("23.976", 24000, 1001)]
    [InlineData("29.97", 30000, 1001)]
    [InlineData("59.94", 60000, 1001)]
    [InlineData("24000/1001", 24000, 1001)]
    [InlineData("48/2", 24, 1)]
    [InlineData("25", 25, 1)]
    [InlineData(" 30 ", 30, 1)]
    public void Parse_CommonSpellings_GiveTheExactFraction(string text, int numerator, int denominator)
    {
        var rate = FrameRate.Parse(text);

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("24/0")]
    [InlineData("-24")]
    [InlineData("0")]
    [InlineData("23.5")]
    public void TryParse_Nonsense_FailsWithAMessage(string text)
    {
        Assert.False(FrameRate.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Constructor_ZeroDenominator_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameRate(24, 0));
    }

    [Theory]
    [InlineData("24000/1001", 24, false)]
    [InlineData("30000/1001", 30, true)]
    [InlineData("60000/1001", 60, true)]
    [InlineData("30", 30, false)]
    [InlineData("25", 25, false)]
    public void TimecodeBaseAndDropFrame_FollowTheRate(string text, int timecodeBase, bool dropFrame)
    {
        var rate = FrameRate.Parse(text);

        Assert.Equal(timecodeBase, rate.TimecodeBase);
        Assert.Equal(dropFrame, rate.SupportsDropFrame);
    }

    [Fact]
    public void SecondsAtCentreOf_IsHalfAFrameAfterTheStart()
    {
        var rate = FrameRate.Fps23_976;

        Assert.Equal(1001.0 / 24000 * 10.5, rate.SecondsAtCentreOf(10), 9);
        Assert.Equal(10, rate.FrameAt(rate.SecondsAtCentreOf(10)));
    }

    [Fact]
    public void FrameAt_TimeRoundedDownToTheMicrosecond_StillFindsTheFrame()
    {
        // Browsers report presentation times in whole microseconds: frame 1 at 23.976 starts at 41,708.33 µs.
        Assert.Equal(1, FrameRate.Fps23_976.FrameAt(0.041708));
    }

    [Fact]
    public void ToDisplayString_ReadsLikeAnEditorWouldSayIt()
    {
        Assert.Equal("23.976", FrameRate.Fps23_976.ToDisplayString());
        Assert.Equal("29.97", FrameRate.Fps29_97.ToDisplayString());
        Assert.Equal("24", FrameRate.Fps24.ToDisplayString());
        Assert.Equal("24000/1001", FrameRate.Fps23_976.ToString());
    }
}
