using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Where take media and posters are kept; a relative path is taken from the content root.</summary>
    [Required]
    public string Folder { get; set; } = "data/media";

    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>
    /// The only demuxers ffprobe and ffmpeg may open an upload with: real video containers. Playlists
    /// (HLS, DASH), concat lists and image sequences are left out because they make ffmpeg read other files.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9_]+(,[a-z0-9_]+)*$", ErrorMessage = "List demuxer names separated by commas, e.g. mov,matroska,avi.")]
    public string AllowedContainers { get; set; } = "mov,matroska,avi,mxf,mpegts";

    /// <summary>The longest picture a take may run; a longer upload is refused before any transcode.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most frames a take may have (10 minutes at 60 fps).</summary>
    [Range(2, long.MaxValue)]
    public long MaxFrames { get; set; } = 36_000;

    /// <summary>The widest and tallest picture accepted (8K DCI is 8192 wide).</summary>
    [Range(16, 32768)]
    public int MaxWidth { get; set; } = 8192;

    [Range(16, 32768)]
    public int MaxHeight { get; set; } = 8192;

    /// <summary>The most streams (video, audio, data, subtitles) one file may hold.</summary>
    [Range(1, 1000)]
    public int MaxStreams { get; set; } = 16;

    /// <summary>How long one ffprobe or ffmpeg run may take before it is stopped and the file refused.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromMinutes(20);
}
