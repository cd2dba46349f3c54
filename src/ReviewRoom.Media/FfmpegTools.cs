using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Media;

/// <summary>What ffprobe says about a video file, in frames.</summary>
public sealed record ProbedMedia(FrameRate FrameRate, long DurationFrames, int Width, int Height, bool HasAudio);

public sealed class MediaToolException(string message) : Exception(message);

/// <summary>Runs ffprobe and ffmpeg. Frame counts come from the container's packets, not from a duration in seconds.</summary>
public sealed class FfmpegTools(IOptions<MediaOptions> options)
{
    public const string InstallHint = "Install it as root with: apt-get update && apt-get install -y ffmpeg";

    /// <summary>Null when both tools run; otherwise what is missing and how to install it.</summary>
    public async Task<string?> CheckAvailableAsync(CancellationToken cancellationToken = default)
    {
        foreach (var tool in new[] { options.Value.FfmpegPath, options.Value.FfprobePath })
        {
            try
            {
                await RunAsync(tool, ["-version"], cancellationToken);
            }
            catch (Exception ex) when (ex is MediaToolException or System.ComponentModel.Win32Exception)
            {
                return $"'{tool}' could not be run. {InstallHint}";
            }
        }
        return null;
    }

    public async Task<ProbedMedia> ProbeAsync(string file, CancellationToken cancellationToken = default)
    {
        var json = await RunAsync(options.Value.FfprobePath,
        [
            "-v", "error", "-count_packets", "-show_entries",
            "stream=codec_type,width,height,r_frame_rate,avg_frame_rate,nb_read_packets,nb_frames",
            "-of", "json", file,
        ], cancellationToken);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video");
        if (video.ValueKind == JsonValueKind.Undefined)
            throw new MediaToolException($"'{Path.GetFileName(file)}' has no video stream.");
        var rateText = video.GetProperty("r_frame_rate").GetString() ?? "";
        if (!FrameRate.TryParse(rateText, out var rate, out _))
            throw new MediaToolException($"'{Path.GetFileName(file)}' reports an unusable frame rate '{rateText}'.");
        var frames = ReadLong(video, "nb_read_packets") ?? ReadLong(video, "nb_frames")
            ?? throw new MediaToolException($"'{Path.GetFileName(file)}' does not say how many frames it has.");
        return new ProbedMedia(
            rate,
            frames,
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            streams.Any(s => s.GetProperty("codec_type").GetString() == "audio"));
    }

    /// <summary>Writes a JPEG still of <paramref name="frame"/>, scaled to <paramref name="width"/> pixels wide.</summary>
    public Task MakePosterAsync(string videoFile, FrameRate rate, long frame, string posterFile, int width, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(posterFile)!);
        // ffmpeg's input seek yields the first frame at or after the time asked for, so ask for a
        // quarter frame before the frame's start: late enough to skip its predecessor at any rounding.
        var seconds = Math.Max(0, rate.SecondsAtCentreOf(frame) - 0.75 * rate.SecondsAt(1)).ToString("0.######", CultureInfo.InvariantCulture);
        return RunAsync(options.Value.FfmpegPath,
        [
            "-v", "error", "-y", "-ss", seconds, "-i", videoFile, "-frames:v", "1",
            "-vf", $"scale={width}:-2", "-q:v", "4", posterFile,
        ], cancellationToken);
    }

    private static long? ReadLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new MediaToolException($"'{tool}' could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new MediaToolException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {(await errors).Trim()}");
        return await output;
    }
}
