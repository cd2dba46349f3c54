using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Handoff;

public sealed class AssemblyPlanTests
{
    private static HandoffTake Take(FrameRate rate, long frames, int width = 1920, int height = 1080, bool audio = true) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "SH010", "", "v001", rate, frames, width, height, audio, new GenerationInfo { Model = "veo-3", Prompt = "rain" },
            null, "Approved", "take.mp4", "", "", []);

    private static HandoffCut Cut(FrameRate rate, params HandoffTake[] takes) =>
        new("Film", rate, takes.Select((t, i) => new HandoffShot(Guid.NewGuid(), i, $"SH{i:000}", "", 0, t)).ToList());

    [Theory]
    [InlineData("24000/1001")]
    [InlineData("24")]
    [InlineData("25")]
    [InlineData("30000/1001")]
    [InlineData("60000/1001")]
    public void SegmentsFillTheCutFrameForFrame_AndTheirSoundAddsUpToItsLength_WithoutDrift(string rateText)
    {
        var rate = FrameRate.Parse(rateText);
        // Forty odd-length takes at other rates: every boundary rounds, and per-segment rounding would drift by now.
        var takes = Enumerable.Range(0, 40).Select(i => Take(FrameRate.Common[i % FrameRate.Common.Count], 37 + i)).ToArray();
        var cut = Cut(rate, takes);
        var plan = AssemblyPlan.For(cut);

        Assert.Equal(cut.Clips.Select(c => c.RecordDuration), plan.Segments.Select(s => s.Frames));
        Assert.Equal(cut.DurationFrames, plan.TotalFrames);
        var exactSamples = ExactTime.OfFrames(plan.TotalFrames, rate).NearestFrame(new FrameRate(AssemblyPlan.SampleRate, 1));
        Assert.Equal(exactSamples, plan.Segments.Sum(s => s.AudioSamples));
        Assert.All(plan.Segments, s => Assert.InRange(s.AudioSamples, (long)(s.Frames * 48000 / rate.FramesPerSecond) - 1, (long)(s.Frames * 48000 / rate.FramesPerSecond) + 1));
        Assert.Equal(rate.ToString(), plan.Rate);
        Assert.Equal(rate.SupportsDropFrame ? "01:00:00;00" : "01:00:00:00", plan.StartTimecode);
    }

    [Fact]
    public void ThePictureIsTheSizeMostTakesShare_FittedInsideFullHd_WithEvenSides()
    {
        Assert.Equal((1280, 720), AssemblyPlan.PictureSize([Take(FrameRate.Fps24, 10, 1280, 720), Take(FrameRate.Fps24, 10, 1280, 720), Take(FrameRate.Fps24, 10, 1920, 1080)]));
        Assert.Equal((1920, 1080), AssemblyPlan.PictureSize([Take(FrameRate.Fps24, 10, 3840, 2160)]));
        Assert.Equal((608, 1080), AssemblyPlan.PictureSize([Take(FrameRate.Fps24, 10, 1080, 1920)]));
        Assert.Equal((1920, 1080), AssemblyPlan.PictureSize([Take(FrameRate.Fps24, 10, 1280, 720), Take(FrameRate.Fps24, 10, 1920, 1080)]));
        Assert.Equal((642, 360), AssemblyPlan.PictureSize([Take(FrameRate.Fps24, 10, 641, 359)]));
    }

    [Fact]
    public void TheFingerprintNamesTheContent_AndTheJsonKeepsEverything()
    {
        var first = Take(FrameRate.Fps24, 48);
        var second = Take(FrameRate.Fps25, 50, audio: false);
        var plan = AssemblyPlan.For(Cut(FrameRate.Fps24, first, second));

        Assert.Equal(plan.Fingerprint, AssemblyPlan.For(Cut(FrameRate.Fps24, first, second)).Fingerprint);
        Assert.NotEqual(plan.Fingerprint, AssemblyPlan.For(Cut(FrameRate.Fps25, first, second)).Fingerprint);
        Assert.NotEqual(plan.Fingerprint, AssemblyPlan.For(Cut(FrameRate.Fps24, second, first)).Fingerprint);
        Assert.NotEqual(plan.Fingerprint, AssemblyPlan.For(Cut(FrameRate.Fps24, first, Take(FrameRate.Fps25, 50))).Fingerprint);

        var read = AssemblyPlan.FromJson(plan.ToJson());
        Assert.Equal(plan.Segments, read.Segments);
        Assert.Equal(plan.Fingerprint, read.Fingerprint);
        Assert.False(read.Segments[1].HasAudio);
    }

    [Fact]
    public void ARender_CountsItsAttempts_AndIsSetAsideAfterRepeatedRestarts()
    {
        var render = new AssemblyRender(Guid.NewGuid(), "Film", AssemblyPlan.For(Cut(FrameRate.Fps24, Take(FrameRate.Fps24, 48))), Guid.NewGuid(), null, DateTime.UtcNow);
        for (var attempt = 1; attempt < AssemblyRender.MaxAttempts; attempt++)
        {
            render.Start(DateTime.UtcNow, TimeSpan.Zero);
            render.Requeue(DateTime.UtcNow);
            Assert.Equal(AssemblyRenderState.Queued, render.State);
        }
        render.Start(DateTime.UtcNow, TimeSpan.Zero);
        render.Requeue(DateTime.UtcNow);
        Assert.Equal(AssemblyRenderState.Failed, render.State);
        Assert.Contains("restarted", render.Error, StringComparison.Ordinal);
        Assert.Throws<ReviewRoom.Core.DomainException>(() => render.Start(DateTime.UtcNow, TimeSpan.Zero));
    }
}
