using Microsoft.Extensions.Options;
using ReviewRoom.Core.Time;
using ReviewRoom.Media;

using ReviewRoom.TestHost;

namespace ReviewRoom.IntegrationTests.Media;

public sealed class FfmpegToolsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewroom-ffmpeg-").FullName;
    private readonly FfmpegTools _tools = new(Options.Create(new MediaOptions()));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A lossless clip whose every pixel's luma is 16 + 3 x its frame index: inside video range (16-235)
    /// for 73 frames, so reading a picture back tells which frame it is.
    /// </summary>
    private string MakeFrameIndexClip(string rate, int frames)
    {
        var clip = Path.Combine(_folder, "index.mp4");
        Tools.Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"nullsrc=s=64x64:r={rate},geq=lum='16+N*3':cb=128:cr=128",
            "-frames:v", frames.ToString(), "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", "-g", "12", "-bf", "0", clip);
        return clip;
    }

    [Theory]
    [InlineData("24000/1001")]
    [InlineData("30000/1001")]
    [InlineData("25")]
    public async Task ProbeAsync_CountsFramesAndReadsTheExactRate(string rate)
    {
        var clip = MakeFrameIndexClip(rate, 48);

        var probed = await _tools.ProbeAsync(clip);

        Assert.Equal(FrameRate.Parse(rate), probed.FrameRate);
        Assert.Equal(48, probed.DurationFrames);
        Assert.Equal((64, 64), (probed.Width, probed.Height));
        Assert.False(probed.HasAudio);
    }

    [Theory]
    [InlineData("24000/1001", 0)]
    [InlineData("24000/1001", 40)]
    [InlineData("30000/1001", 37)]
    [InlineData("25", 59)]
    public async Task MakePosterAsync_ShowsExactlyTheRequestedFrame(string rate, int frame)
    {
        var clip = MakeFrameIndexClip(rate, 60);
        var poster = Path.Combine(_folder, "poster.jpg");

        await _tools.MakePosterAsync(clip, FrameRate.Parse(rate), frame, poster, 64);

        // Posters are full-range JPEGs: video-range luma 16 + 3n reads back as 3n x 255/219 (3.5 per frame).
        var expected = frame * 3 * 255.0 / 219;
        Assert.InRange(ReadAverageLuma(poster), expected - 1.5, expected + 1.5);
    }

    [Fact]
    public async Task ProbeAsync_NotAVideo_SaysSo()
    {
        var text = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(text, "not a video");

        await Assert.ThrowsAsync<MediaRefusedException>(() => _tools.ProbeAsync(text));
    }

    [Fact]
    public async Task CheckAvailableAsync_MissingTool_NamesTheInstallCommand()
    {
        var tools = new FfmpegTools(Options.Create(new MediaOptions { FfmpegPath = "/nonexistent/ffmpeg" }));

        var problem = await tools.CheckAvailableAsync();

        Assert.NotNull(problem);
        Assert.Contains("apt-get install -y ffmpeg", problem);
    }

    private int ReadAverageLuma(string image)
    {
        var raw = Path.Combine(_folder, "pixel.gray");
        Tools.Run("ffmpeg", "-v", "error", "-y", "-i", image, "-vf", "scale=1:1:flags=area", "-f", "rawvideo", "-pix_fmt", "gray", raw);
        return File.ReadAllBytes(raw)[0];
    }
}
