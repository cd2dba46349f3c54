using Microsoft.Extensions.Options;
using ReviewRoom.Core.Time;
using ReviewRoom.Media;
using ReviewRoom.TestHost;

namespace ReviewRoom.IntegrationTests.Media;

/// <summary>Each kind of file real uploads bring goes through the pipeline with real ffmpeg and comes out browser-safe.</summary>
public sealed class MediaPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reviewroom-pipeline-").FullName;
    private readonly FfmpegTools _tools = new(Options.Create(new MediaOptions()));
    private readonly MediaStore _store;
    private readonly MediaPipeline _pipeline;

    public MediaPipelineTests()
    {
        _store = new MediaStore(Options.Create(new MediaOptions { Folder = _root }), _root);
        _pipeline = new MediaPipeline(_tools, _store);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("h264.mp4", "24", 48, 320, 180, true)]
    [InlineData("vp9.webm", "25", 50, 320, 180, true)]
    [InlineData("prores.mov", "24", 48, 320, 180, true)]
    [InlineData("hevc.mp4", "24", 48, 320, 180, false)]
    [InlineData("film-23976.mp4", "24000/1001", 48, 320, 180, true)]
    [InlineData("ntsc-2997.mp4", "30000/1001", 60, 320, 180, true)]
    [InlineData("no-audio.mp4", "30", 60, 320, 180, false)]
    [InlineData("odd-size.mp4", "24", 48, 320, 180, false)]
    [InlineData("rotated.mov", "30", 60, 176, 320, true)]
    [InlineData("vfr.mp4", "30", 75, 320, 180, false)] // last frame starts at 2.45 s: 75 frames at 30 fps show every one
    public async Task PrepareAsync_EachFormat_ComesOutBrowserSafeWithItsFramesAndRate(string sample, string rate, long frames, int width, int height, bool audio)
    {
        var original = await StoreAsync(sample);

        var prepared = await _pipeline.PrepareAsync(original, null, CancellationToken.None);

        var playback = _store.Resolve(prepared.PlaybackPath)!;
        var probed = await _tools.ProbeAsync(playback);
        Assert.Equal(FrameRate.Parse(rate), probed.FrameRate);
        Assert.Equal(frames, probed.DurationFrames);
        Assert.Equal((width, height), (probed.Width, probed.Height));
        Assert.Equal(0, probed.Rotation);
        Assert.True(await _pipeline.IsBrowserSafeAsync(playback, probed, CancellationToken.None), $"{sample}'s playback file is not browser-safe: {probed}");
        Assert.NotNull(probed.AudioCodec); // a silent track where the original had none
        Assert.Equal(audio, prepared.Original.HasAudio);
        Assert.Equal(audio, prepared.WaveformPath is not null);
        Assert.True(File.Exists(_store.Resolve(prepared.PosterPath)));
        Assert.True(File.Exists(_store.Resolve(prepared.Filmstrip.Path)));
        Assert.True(probed.IsConstantFrameRate, $"{sample}'s playback runs at a constant rate");
        Assert.Equal(frames, prepared.Filmstrip.TileCount); // fewer than 100 frames: one tile per frame
        Assert.True(File.Exists(_store.Resolve(prepared.OriginalPath)), "the original is kept for download");
    }

    [Fact]
    public async Task PrepareAsync_BrowserSafeOriginal_PlaysTheOriginalWithoutAProxy()
    {
        var clip = Path.Combine(IngestSamples.RepoRoot(), "wwwroot", "demo", "clips", "sh010_v001.mp4");
        var original = await StoreAsync(clip);

        var prepared = await _pipeline.PrepareAsync(original, null, CancellationToken.None);

        Assert.False(prepared.MadeProxy);
        Assert.Equal(original, prepared.PlaybackPath);
    }

    [Fact]
    public async Task PrepareAsync_ReportsProgressUpToDone()
    {
        var seen = new List<PipelineProgress>();
        await _pipeline.PrepareAsync(await StoreAsync("prores.mov"), seen.Add, CancellationToken.None);

        Assert.Contains(seen, p => p.Stage == "Making the web proxy" && p.Fraction > 0.05);
        Assert.Equal(1, seen[^1].Fraction);
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.Second.Fraction >= pair.First.Fraction), "progress never goes backwards");
    }

    [Theory]
    [InlineData("truncated.mp4", "cut short")]
    [InlineData("notes.mp4", "text file")]
    public async Task PrepareAsync_BadFile_IsRefusedWithItsReason(string sample, string reason)
    {
        var original = await StoreAsync(sample);

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => _pipeline.PrepareAsync(original, null, CancellationToken.None));

        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public async Task ProbeAsync_StillImageNamedMp4_IsRefusedAsAStill()
    {
        var still = Path.Combine(_root, "frame.mp4");
        await _tools.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=320x180", "-frames:v", "1", "-f", "image2", "-c:v", "png", still], null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => _tools.ProbeAsync(still));

        Assert.Contains("still image", refused.Message);
    }

    [Fact]
    public async Task ProbeAsync_AudioOnlyFile_IsRefusedAsHavingNoPicture()
    {
        var original = await StoreAsync("h264.mp4");
        var audioOnly = Path.Combine(_root, "sound.m4a");
        await _tools.RunFfmpegAsync(["-i", _store.Resolve(original)!, "-vn", "-c:a", "copy", audioOnly], null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => _tools.ProbeAsync(audioOnly));

        Assert.Contains("no picture", refused.Message);
    }

    private async Task<string> StoreAsync(string sample)
    {
        var source = Path.IsPathRooted(sample) ? sample : IngestSamples.PathOf(sample);
        var relative = $"ingest/{Guid.NewGuid():N}/original{Path.GetExtension(source)}";
        await _store.ImportAsync(source, relative, CancellationToken.None);
        return relative;
    }
}
