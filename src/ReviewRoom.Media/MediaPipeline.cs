using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Media;

/// <summary>Where a take's media work has got to, for progress bars: a stage people can read and 0..1 overall.</summary>
public readonly record struct PipelineProgress(string Stage, double Fraction);

/// <summary>Everything ingest made from one original file; paths are relative to the media store.</summary>
public sealed record PreparedMedia(
    ProbedMedia Original,
    ProbedMedia Playback,
    string OriginalPath,
    string PlaybackPath,
    string PosterPath,
    FilmstripSheet Filmstrip,
    string? WaveformPath)
{
    public bool MadeProxy => PlaybackPath != OriginalPath;

    public TakeMedia ToTakeMedia(string originalFileName, long originalSizeBytes) =>
        new(PlaybackPath, PosterPath, Playback.FrameRate, Playback.DurationFrames, Playback.Width, Playback.Height, Original.HasAudio)
        {
            Original = new OriginalFile(OriginalPath, originalFileName, originalSizeBytes, Original.Container, Original.VideoCodec),
            Filmstrip = Filmstrip,
            WaveformPath = WaveformPath,
        };
}

/// <summary>
/// Turns an uploaded original into what the review room plays: a browser-safe proxy when the original
/// is not one, a poster, a filmstrip sprite sheet for hover scrubbing and a waveform. The original is kept.
/// </summary>
public sealed class MediaPipeline(FfmpegTools ffmpeg, IMediaStore store, Microsoft.Extensions.Options.IOptions<MediaOptions> options)
{
    public const int PosterWidth = 480;
    public const int TileWidth = 160;
    public const int FilmstripColumns = 10;
    public const int MaxFilmstripTiles = 100;
    public const int WaveformWidth = 1600;
    public const int WaveformHeight = 96;

    /// <summary>
    /// Prepares the original at <paramref name="originalPath"/> (relative to the store); every output
    /// goes beside it, so running again after a crash simply overwrites what a first attempt left.
    /// </summary>
    public async Task<PreparedMedia> PrepareAsync(string originalPath, Action<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var original = store.Resolve(originalPath) ?? throw new ArgumentException($"'{originalPath}' is not inside the media store.", nameof(originalPath));
        var folder = Path.GetDirectoryName(originalPath)!.Replace('\\', '/');
        string Output(string name) => $"{folder}/{name}";
        string Full(string relative) => store.Resolve(relative)!;

        progress?.Invoke(new("Reading the file", 0));
        var probed = await ffmpeg.ProbeAsync(original, cancellationToken);
        MediaLimits.Check(probed, options.Value);

        var posterPath = Output("poster.jpg");
        var sheetPath = Output("filmstrip.jpg");
        var waveformPath = probed.HasAudio ? Output("waveform.png") : null;
        // A constant-rate file's playback has its frames one for one, so the stills can come from the same decode that
        // makes the proxy (or from one decode of the original): one pass over the file, not one per picture.
        var stills = probed.IsConstantFrameRate ? new Stills(probed, Full(posterPath), Full(sheetPath), waveformPath is null ? null : Full(waveformPath)) : null;

        var playbackPath = originalPath;
        var playback = probed;
        if (!await IsBrowserSafeAsync(original, probed, cancellationToken))
        {
            playbackPath = Output("proxy.mp4");
            progress?.Invoke(new("Making the web proxy", 0.05));
            await MakeProxyAsync(original, probed, Full(playbackPath), stills, frame =>
                progress?.Invoke(new("Making the web proxy", 0.05 + 0.9 * Math.Min(1, frame / ExpectedProxyFrames(probed)))), cancellationToken);
            playback = await ffmpeg.ProbeAsync(Full(playbackPath), cancellationToken);
        }
        else if (stills is not null)
        {
            progress?.Invoke(new("Making the poster, filmstrip and waveform", 0.5));
            await ffmpeg.RunFfmpegAsync([.. ffmpeg.Input(original), .. stills.Arguments()], null, cancellationToken);
        }

        if (stills is null || stills.Frames != playback.DurationFrames)
        {
            // A variable-rate original (or a proxy that came out a frame longer or shorter): the stills from the playback itself.
            progress?.Invoke(new("Making the poster and filmstrip", 0.95));
            await ffmpeg.MakePosterAsync(Full(playbackPath), playback.FrameRate, playback.DurationFrames / 2, Full(posterPath), PosterWidth, cancellationToken);
            await ffmpeg.RunFfmpegAsync([.. ffmpeg.Input(Full(playbackPath)), "-an", .. new Stills(playback, null, Full(sheetPath), null).Arguments()], null, cancellationToken);
            if (waveformPath is not null)
                await ffmpeg.RunFfmpegAsync([.. ffmpeg.Input(original), .. new Stills(probed, null, null, Full(waveformPath)).Arguments()], null, cancellationToken);
        }

        progress?.Invoke(new("Done", 1));
        return new PreparedMedia(probed, playback, originalPath, playbackPath, posterPath, Sheet(playback, sheetPath), waveformPath);
    }

    /// <summary>How a take's filmstrip is laid out: at most <see cref="MaxFilmstripTiles"/> tiles, each every so many frames.</summary>
    private static FilmstripSheet Sheet(ProbedMedia media, string sheetPath)
    {
        var framesPerTile = (int)Math.Max(1, (media.DurationFrames + MaxFilmstripTiles - 1) / MaxFilmstripTiles);
        var tileCount = (int)((media.DurationFrames + framesPerTile - 1) / framesPerTile);
        var columns = Math.Min(FilmstripColumns, tileCount);
        var rows = (tileCount + columns - 1) / columns;
        var tileHeight = Math.Max(2, (int)Math.Round(TileWidth * (double)media.Height / media.Width / 2) * 2);
        return new FilmstripSheet(sheetPath, columns, rows, TileWidth, tileHeight, tileCount, framesPerTile);
    }

    /// <summary>
    /// The pictures made beside the playback, as extra outputs of one ffmpeg run over a file of <see cref="Frames"/>
    /// frames: the poster (the middle frame), the filmstrip sheet and the waveform, each only when its path is given.
    /// </summary>
    private sealed class Stills(ProbedMedia media, string? posterFile, string? sheetFile, string? waveformFile)
    {
        public long Frames => media.DurationFrames;

        /// <summary>
        /// The filter graph and outputs. With <paramref name="proxyVideo"/> the picture is also handed on, scaled to even
        /// sides, under that label for the proxy's encoder.
        /// </summary>
        public List<string> Arguments(string? proxyVideo = null)
        {
            var sheet = Sheet(media, sheetFile ?? "");
            var pictures = new List<(string Label, string Chain, string[] Output)>();
            if (posterFile is not null)
                pictures.Add(("poster", $"select='eq(n\\,{Frames / 2})',scale={PosterWidth}:-2", ["-frames:v", "1", "-q:v", "4", posterFile]));
            if (sheetFile is not null)
                pictures.Add(("sheet", $"select='not(mod(n\\,{sheet.FramesPerTile}))',scale={TileWidth}:{sheet.TileHeight},setsar=1,tile={sheet.Columns}x{sheet.Rows}",
                    ["-fps_mode", "passthrough", "-frames:v", "1", "-q:v", "5", sheetFile]));
            var branches = pictures.Count + (proxyVideo is null ? 0 : 1);
            var graph = new List<string>();
            var arguments = new List<string>();
            if (branches > 0)
            {
                // Autorotation has already turned the picture upright; then round odd sides down to even.
                var labels = (proxyVideo is null ? [] : new[] { proxyVideo }).Concat(pictures.Select(p => p.Label)).Select(l => $"[{l}]");
                graph.Add($"[0:v:0]scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1,split={branches}{string.Concat(labels)}");
                graph.AddRange(pictures.Select(p => $"[{p.Label}]{p.Chain}[{p.Label}out]"));
            }
            if (waveformFile is not null)
                graph.Add($"[0:a:0]aformat=channel_layouts=mono,showwavespic=s={WaveformWidth}x{WaveformHeight}:scale=sqrt:colors=0x9ab8f0[wave]");
            if (graph.Count > 0)
                arguments.AddRange(["-filter_complex", string.Join(';', graph)]);
            foreach (var (label, _, output) in pictures)
                arguments.AddRange(["-map", $"[{label}out]", .. output]);
            if (waveformFile is not null)
                arguments.AddRange(["-map", "[wave]", "-frames:v", "1", waveformFile]);
            return arguments;
        }
    }

    private static double ExpectedProxyFrames(ProbedMedia probed) =>
        probed.IsConstantFrameRate || probed.DurationSeconds is null
            ? probed.DurationFrames
            : Math.Max(1, probed.DurationSeconds.Value * probed.FrameRate.FramesPerSecond);

    /// <summary>
    /// Whether browsers can play the original frame-exactly as it is: H.264 4:2:0 in MP4 with even
    /// sides, no rotation, constant rate, keyframes at least every second and the index at the front.
    /// </summary>
    public async Task<bool> IsBrowserSafeAsync(string file, ProbedMedia probed, CancellationToken cancellationToken)
    {
        if (!probed.IsMp4Family || probed.VideoCodec != "h264" || probed.PixelFormat != "yuv420p"
            || probed.Width % 2 != 0 || probed.Height % 2 != 0 || probed.Rotation != 0 || !probed.IsConstantFrameRate
            || probed.AudioCodec is not (null or "aac") || !HasIndexBeforeData(file))
            return false;
        var longestGop = await ffmpeg.LongestKeyframeIntervalAsync(file, cancellationToken);
        return longestGop <= Math.Ceiling(probed.FrameRate.FramesPerSecond);
    }

    /// <summary>
    /// The proxy, and with <paramref name="stills"/> the poster, filmstrip and waveform from the same decode. Its settings
    /// are <see cref="ProxySettings"/>, what a benchmark times ffmpeg alone with.
    /// </summary>
    private Task MakeProxyAsync(string original, ProbedMedia probed, string proxy, Stills? stills, Action<long> onFrame, CancellationToken cancellationToken)
    {
        var length = ProxySeconds(probed);
        List<string> arguments = [.. ffmpeg.Input(original)];
        // Every proxy carries sound, silent when the original has none, so players and cuts treat takes alike.
        if (!probed.HasAudio)
            arguments.AddRange(["-f", "lavfi", "-t", length, "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"]);
        if (stills is null)
            arguments.AddRange(["-map", "0:v:0", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1"]);
        else
            arguments.AddRange([.. stills.Arguments(proxyVideo: "proxy"), "-map", "[proxy]"]);
        arguments.AddRange(["-map", probed.HasAudio ? "0:a:0" : "1:a:0", .. ProxySettings(probed), proxy]);
        return ffmpeg.RunFfmpegAsync(arguments, onFrame, cancellationToken);
    }

    /// <summary>The proxy's encoding: frame-exact H.264 with a keyframe every half second, constant rate, AAC, index first.</summary>
    public static IReadOnlyList<string> ProxySettings(ProbedMedia probed)
    {
        var gop = Math.Max(1, (int)Math.Ceiling(probed.FrameRate.FramesPerSecond / 2)).ToString(CultureInfo.InvariantCulture);
        return
        [
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-fps_mode", "cfr", "-r", probed.FrameRate.ToString(),
            "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000",
            "-t", ProxySeconds(probed), "-movflags", "+faststart", "-metadata:s:v:0", "rotate=0",
        ];
    }

    // A variable-rate source runs longer or shorter than frames / nominal rate; its timestamps say how long.
    // Half a frame more keeps the grid point that shows its last frame.
    private static string ProxySeconds(ProbedMedia probed) =>
        (probed.IsConstantFrameRate || probed.DurationSeconds is null
            ? probed.FrameRate.SecondsAt(probed.DurationFrames)
            : probed.DurationSeconds.Value + 0.5 / probed.FrameRate.FramesPerSecond).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>True when an MP4's index (moov) comes before its media data, so playback can start before the download ends.</summary>
    private static bool HasIndexBeforeData(string file)
    {
        using var stream = File.OpenRead(file);
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        while (position + 8 <= stream.Length)
        {
            stream.Position = position;
            if (stream.ReadAtLeast(header[..8], 8, throwOnEndOfStream: false) < 8)
                return false;
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header[4..8]);
            if (type == "moov")
                return true;
            if (type == "mdat")
                return false;
            if (size == 1)
            {
                if (stream.ReadAtLeast(header[8..16], 8, throwOnEndOfStream: false) < 8)
                    return false;
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..16]);
            }
            if (size < 8)
                return false;
            position += size;
        }
        return false;
    }
}
