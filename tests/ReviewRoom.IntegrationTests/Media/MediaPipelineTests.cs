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
    private readonly IMediaStore _store;
    private readonly MediaPipeline _pipeline;

    public MediaPipelineTests()
    {
        _store = new LocalFolderMediaStore(Options.Create(new MediaOptions { Folder = _root }), _root);
        _pipeline = new MediaPipeline(_tools, _store, Options.Create(new MediaOptions { Folder = _root }));
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
        var clip = Repository.PathTo("wwwroot", "demo", "clips", "sh010_v001.mp4");
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

    /// <summary>Text files that make ffmpeg open other files: each must be refused without reading what it points at.</summary>
    [Theory]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile://{secret}\n#EXT-X-ENDLIST\n")]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n{secret}\n#EXT-X-ENDLIST\n")]
    [InlineData("ffconcat version 1.0\nfile '{secret}'\n")]
    [InlineData("<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\" mediaPresentationDuration=\"PT2S\"><Period><AdaptationSet><Representation id=\"1\" bandwidth=\"1\"><BaseURL>{secret}</BaseURL></Representation></AdaptationSet></Period></MPD>")]
    public async Task PrepareAsync_PlaylistPointingAtAnotherFile_IsRefusedWithoutNamingAnyPath(string playlist)
    {
        var secret = _store.Resolve(await StoreAsync("h264.mp4"))!;
        var original = $"ingest/{Guid.NewGuid():N}/original";
        Directory.CreateDirectory(Path.GetDirectoryName(_store.Resolve(original)!)!);
        await File.WriteAllTextAsync(_store.Resolve(original)!, playlist.Replace("{secret}", secret));

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => _pipeline.PrepareAsync(original, null, CancellationToken.None));

        Assert.DoesNotContain(_root, refused.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_store.Resolve(original)!)!, "proxy.mp4")));
    }

    [Fact]
    public async Task PrepareAsync_TinyFileWhoseLastFrameSitsHalfAnHourIn_IsRefusedBeforeAnyTranscode()
    {
        var sparse = Path.Combine(_root, "sparse.mp4");
        await _tools.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=64x36:rate=24", "-frames:v", "2",
            "-vf", "settb=1/1000,setpts=N*1800000", "-fps_mode", "vfr", "-c:v", "libx264", "-pix_fmt", "yuv420p", sparse], null, CancellationToken.None);
        var original = await StoreAsync(sparse);
        var stages = new List<string>();

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => _pipeline.PrepareAsync(original, p => stages.Add(p.Stage), CancellationToken.None));

        Assert.Contains("30 minutes", refused.Message);
        Assert.DoesNotContain("Making the web proxy", stages);
    }

    [Theory]
    [InlineData("MaxWidth", "200", "320x180")]
    [InlineData("MaxFrames", "40", "48 frames")]
    [InlineData("MaxStreams", "1", "2 streams")]
    [InlineData("MaxDuration", "00:00:01", "2 seconds")]
    public async Task PrepareAsync_FileOverALimit_IsRefusedSayingWhichLimit(string limit, string value, string reason)
    {
        var options = new MediaOptions { Folder = _root };
        typeof(MediaOptions).GetProperty(limit)!.SetValue(options, limit switch
        {
            "MaxDuration" => TimeSpan.Parse(value),
            "MaxFrames" => long.Parse(value),
            _ => int.Parse(value),
        });
        var pipeline = new MediaPipeline(_tools, _store, Options.Create(options));
        var original = await StoreAsync("h264.mp4");

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => pipeline.PrepareAsync(original, null, CancellationToken.None));

        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public async Task ProbeAsync_ToolThatHangs_IsStoppedAtTheTimeoutAndTheFileRefused()
    {
        var hanging = Path.Combine(_root, "ffprobe-hangs");
        await File.WriteAllTextAsync(hanging, "#!/bin/sh\nexec sleep 60\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tools = new FfmpegTools(Options.Create(new MediaOptions { FfprobePath = hanging, ToolTimeout = TimeSpan.FromSeconds(1) }));
        var original = _store.Resolve(await StoreAsync("h264.mp4"))!;

        var refused = await Assert.ThrowsAsync<MediaRefusedException>(() => tools.ProbeAsync(original));

        Assert.Contains("took longer than this server allows", refused.Message);
    }

    private async Task<string> StoreAsync(string sample)
    {
        var source = Path.IsPathRooted(sample) ? sample : IngestSamples.PathOf(sample);
        // Stored as ingest stores uploads: under a name the server chose, with no extension to go by.
        var relative = $"ingest/{Guid.NewGuid():N}/original";
        await _store.ImportAsync(source, relative, CancellationToken.None);
        return relative;
    }
}
