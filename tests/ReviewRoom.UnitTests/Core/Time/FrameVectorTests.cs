using System.Text.Json;
using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Time;

/// <summary>Core's frame math against the vectors the player script is tested with (tests/js/frames.test.mjs).</summary>
public class FrameVectorTests
{
    private sealed record Vectors(IReadOnlyList<RateCase> Rates);

    private sealed record RateCase(int Numerator, int Denominator, int TimecodeBase, IReadOnlyList<FrameCase> Frames, IReadOnlyList<Probe> Probes);

    private sealed record FrameCase(long Frame, double SecondsAt, double SecondsAtCentre, long FrameAtCentre, long FrameAtStart);

    private sealed record Probe(double Seconds, long FrameAt);

    public static TheoryData<int, int> Rates()
    {
        var rates = new TheoryData<int, int>();
        foreach (var rate in Load().Rates)
            rates.Add(rate.Numerator, rate.Denominator);
        return rates;
    }

    private static Vectors Load() =>
        JsonSerializer.Deserialize<Vectors>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "frames.json")), JsonSerializerOptions.Web)!;

    [Theory]
    [MemberData(nameof(Rates))]
    public void CoreNamesTheSameFramesAsThePlayer(int numerator, int denominator)
    {
        var vectors = Load().Rates.Single(r => r.Numerator == numerator && r.Denominator == denominator);
        var rate = new FrameRate(numerator, denominator);

        Assert.Equal(vectors.TimecodeBase, rate.TimecodeBase);
        Assert.NotEmpty(vectors.Frames);
        foreach (var v in vectors.Frames)
        {
            Assert.Equal(v.SecondsAt, rate.SecondsAt(v.Frame), 9);
            Assert.Equal(v.SecondsAtCentre, rate.SecondsAtCentreOf(v.Frame), 9);
            Assert.Equal(v.FrameAtCentre, rate.FrameAt(v.SecondsAtCentre));
            Assert.Equal(v.FrameAtStart, rate.FrameAt(v.SecondsAt));
        }
        foreach (var probe in vectors.Probes)
            Assert.Equal(probe.FrameAt, rate.FrameAt(probe.Seconds));
    }
}
