using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Media;

/// <summary>
/// What ffprobe says about a video file, in frames. Width and height are as the picture is shown,
/// after any rotation the file asks for.
/// </summary>
public sealed record ProbedMedia(FrameRate FrameRate, long DurationFrames, int Width, int Height, bool HasAudio)
{
    /// <summary>ffprobe's container names, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm".</summary>
    public string Container { get; init; } = "";
    public string VideoCodec { get; init; } = "";
    public string PixelFormat { get; init; } = "";
    public string? AudioCodec { get; init; }

    /// <summary>Degrees the player must turn the stored picture (0, 90, 180 or 270).</summary>
    public int Rotation { get; init; }

    /// <summary>How many streams of any kind the file holds.</summary>
    public int StreamCount { get; init; } = 1;

    /// <summary>The stream's nominal and average rates agree: every frame lasts the same time.</summary>
    public bool IsConstantFrameRate { get; init; } = true;

    /// <summary>
    /// How long the picture runs, from the stream's timestamps. For a constant rate it is frames / rate;
    /// for a variable rate (phones) only this says how long a constant-rate copy must be.
    /// </summary>
    public double? DurationSeconds { get; init; }

    public bool IsMp4Family => Container.Split(',').Contains("mp4");
}

/// <summary>
/// ffmpeg or ffprobe failed for a reason that may pass (a crash, a full disk): worth another try.
/// <see cref="Exception.Message"/> is for people and names no path; <see cref="Detail"/> (the tool's own
/// output) is for the log.
/// </summary>
public sealed class MediaToolException(string message, string detail) : Exception(message)
{
    public string Detail { get; } = detail;
}

/// <summary>The file itself is the problem (not video, corrupt, cut short): trying again cannot help.</summary>
public sealed class MediaRefusedException(string message) : Exception(message);

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

    /// <summary>
    /// Reads a file's streams by their content, whatever it is called. A file that is not a usable
    /// video raises <see cref="MediaRefusedException"/> saying what is wrong with it.
    /// </summary>
    public async Task<ProbedMedia> ProbeAsync(string file, CancellationToken cancellationToken = default)
    {
        string json;
        try
        {
            json = await RunAsync(options.Value.FfprobePath,
            [
                "-v", "error", "-count_packets",
                "-show_entries", "format=format_name,duration,nb_streams:stream=codec_type,codec_name,pix_fmt,width,height,r_frame_rate,avg_frame_rate,nb_read_packets,nb_frames,duration:stream_side_data=rotation:stream_tags=rotate",
                "-of", "json", .. Input(file),
            ], cancellationToken);
        }
        catch (MediaToolException ex)
        {
            throw new MediaRefusedException(ContentSniffer.ExplainUnreadable(file, ex.Detail));
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = root.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
        var container = root.TryGetProperty("format", out var format) && format.TryGetProperty("format_name", out var name) ? name.GetString() ?? "" : "";
        var video = streams.FirstOrDefault(s => Text(s, "codec_type") == "video");
        var audio = streams.FirstOrDefault(s => Text(s, "codec_type") == "audio");
        if (video.ValueKind == JsonValueKind.Undefined)
            throw new MediaRefusedException(audio.ValueKind == JsonValueKind.Undefined
                ? "It holds no video or audio streams that ffprobe can read."
                : "It is an audio file: it has sound but no picture.");
        if (container.Contains("image2", StringComparison.Ordinal) || container.EndsWith("_pipe", StringComparison.Ordinal))
            throw new MediaRefusedException($"It is a still image ({Text(video, "codec_name")}), not a video.");

        var rateText = Text(video, "r_frame_rate") ?? "";
        if (!FrameRate.TryParse(rateText, out var rate, out _))
            throw new MediaRefusedException($"Its video reports an unusable frame rate '{rateText}'.");
        var packets = ReadLong(video, "nb_read_packets");
        var indexed = ReadLong(video, "nb_frames");
        var frames = packets ?? indexed ?? 0;
        if (frames < 2)
            throw new MediaRefusedException(frames == 0 ? "Its video stream has no frames in it; the file is damaged." : "It has a single frame: a still image, not a video.");
        // A file whose index lists more frames than its data holds was cut short after the index was written.
        if (packets is { } read && indexed is { } listed && read < listed)
            throw new MediaRefusedException($"It is cut short: its index lists {listed} frames but only {read} are in the file. Upload or render it again.");

        var rotation = ReadRotation(video);
        var storedWidth = video.GetProperty("width").GetInt32();
        var storedHeight = video.GetProperty("height").GetInt32();
        var turned = rotation is 90 or 270;
        return new ProbedMedia(rate, frames, turned ? storedHeight : storedWidth, turned ? storedWidth : storedHeight, audio.ValueKind != JsonValueKind.Undefined)
        {
            Container = container,
            VideoCodec = Text(video, "codec_name") ?? "",
            PixelFormat = Text(video, "pix_fmt") ?? "",
            AudioCodec = audio.ValueKind == JsonValueKind.Undefined ? null : Text(audio, "codec_name"),
            Rotation = rotation,
            StreamCount = streams.Count,
            IsConstantFrameRate = Text(video, "avg_frame_rate") is not { } average || average == rateText || average == "0/0",
            DurationSeconds = ReadSeconds(video) ?? (format.ValueKind == JsonValueKind.Object ? ReadSeconds(format) : null),
        };
    }

    /// <summary>The longest run of frames between keyframes: how far back a seek may have to decode.</summary>
    public async Task<int> LongestKeyframeIntervalAsync(string file, CancellationToken cancellationToken = default)
    {
        var flags = await RunAsync(options.Value.FfprobePath,
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=flags", "-of", "csv=p=0", .. Input(file)], cancellationToken);
        int longest = 0, current = 0;
        foreach (var line in flags.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('K') && current > 0)
            {
                longest = Math.Max(longest, current);
                current = 0;
            }
            current++;
        }
        return Math.Max(longest, current);
    }

    /// <summary>Writes a JPEG still of <paramref name="frame"/>, scaled to <paramref name="width"/> pixels wide.</summary>
    public Task MakePosterAsync(string videoFile, FrameRate rate, long frame, string posterFile, int width, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(posterFile)!);
        return RunAsync(options.Value.FfmpegPath,
        [
            "-v", "error", "-y", "-ss", SeekTo(rate, frame), .. Input(videoFile), "-frames:v", "1",
            "-vf", $"scale={width}:-2", "-q:v", "4", posterFile,
        ], cancellationToken);
    }

    /// <summary>
    /// Writes a PNG of exactly <paramref name="frame"/> with <paramref name="overlaySvgFile"/> (a drawing made by
    /// ReviewRoom, never an uploaded file) laid over the whole picture, at full size or <paramref name="width"/> wide.
    /// </summary>
    public Task ExportFrameAsync(string videoFile, FrameRate rate, long frame, string? overlaySvgFile, string pngFile, int? width,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngFile)!);
        var scale = width is { } w ? $",scale={w}:-2" : "";
        IReadOnlyList<string> picture = overlaySvgFile is null
            ? ["-vf", $"null{scale}"]
            : ["-protocol_whitelist", "file", "-f", "svg_pipe", "-i", overlaySvgFile,
               "-filter_complex", $"[1:v][0:v]scale2ref[drawing][frame];[frame][drawing]overlay=0:0:format=auto{scale}"];
        return RunAsync(options.Value.FfmpegPath,
            ["-v", "error", "-y", "-ss", SeekTo(rate, frame), .. Input(videoFile), .. picture, "-frames:v", "1", pngFile], cancellationToken);
    }

    // ffmpeg's input seek yields the first frame at or after the time asked for, so ask for a quarter
    // frame before the frame's start: late enough to skip its predecessor at any rounding.
    private static string SeekTo(FrameRate rate, long frame) =>
        Math.Max(0, rate.SecondsAtCentreOf(frame) - 0.75 * rate.SecondsAt(1)).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs ffmpeg with <paramref name="arguments"/> and reports the output frame it has reached, read
    /// from its machine-readable progress lines.
    /// </summary>
    public Task RunFfmpegAsync(IReadOnlyList<string> arguments, Action<long>? onFrame, CancellationToken cancellationToken) =>
        RunAsync(options.Value.FfmpegPath, ["-v", "error", "-nostats", "-progress", "pipe:1", "-y", .. arguments], cancellationToken, line =>
        {
            if (onFrame is not null && line.StartsWith("frame=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var frame))
                onFrame(frame);
        });

    /// <summary>
    /// How every file is opened: only the allowed container demuxers and only the local file protocol,
    /// so a playlist, a concat list or an image sequence cannot make ffmpeg read anything but this file.
    /// </summary>
    public IReadOnlyList<string> Input(string file) =>
        ["-protocol_whitelist", "file", "-format_whitelist", options.Value.AllowedContainers, "-i", file];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? ReadLong(JsonElement element, string name) =>
        Text(element, name) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static double? ReadSeconds(JsonElement element) =>
        Text(element, "duration") is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : null;

    private static int ReadRotation(JsonElement video)
    {
        double degrees = 0;
        if (video.TryGetProperty("side_data_list", out var sideData))
            foreach (var item in sideData.EnumerateArray())
                if (item.TryGetProperty("rotation", out var value) && value.TryGetDouble(out var found))
                    degrees = found;
        if (degrees == 0 && video.TryGetProperty("tags", out var tags) && Text(tags, "rotate") is { } tag)
            degrees = double.TryParse(tag, NumberStyles.Float, CultureInfo.InvariantCulture, out var tagged) ? tagged : 0;
        return (int)(((Math.Round(degrees / 90) * 90 % 360) + 360) % 360);
    }

    private async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, Action<string>? onLine = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ToolTimeout);
        try
        {
            return await RunUntilCancelledAsync(tool, arguments, onLine, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaRefusedException(
                $"Processing it took longer than this server allows ({options.Value.ToolTimeout.TotalMinutes:0.#} minutes per step), so it was stopped.");
        }
    }

    private static async Task<string> RunUntilCancelledAsync(string tool, IReadOnlyList<string> arguments, Action<string>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new MediaToolException($"{Path.GetFileName(tool)} could not be started.", tool);
        // A cancelled job must not leave an encoder running in the background.
        await using var kill = cancellationToken.Register(() =>
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        });
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            output.AppendLine(line);
            onLine?.Invoke(line);
        }
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
            throw new MediaToolException($"{Path.GetFileName(tool)} stopped with an error (exit code {process.ExitCode}).", (await errors).Trim());
        return output.ToString();
    }
}
