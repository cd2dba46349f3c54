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
}
