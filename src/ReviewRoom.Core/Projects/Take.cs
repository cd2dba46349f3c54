using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Projects;

/// <summary>One generated candidate for a shot, with the media it produced and how it was made.</summary>
public sealed class Take
{
    private Take()
    {
        MediaPath = "";
        Generation = GenerationInfo.Unknown;
    }

    internal Take(Guid shotId, int version, TakeMedia media, GenerationInfo generation, Guid? createdByUserId, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        ShotId = shotId;
        Version = version;
        MediaPath = media.Path;
        PosterPath = media.PosterPath;
        FrameRateNumerator = media.FrameRate.Numerator;
        FrameRateDenominator = media.FrameRate.Denominator;
        DurationFrames = media.DurationFrames;
        Width = media.Width;
        Height = media.Height;
        HasAudio = media.HasAudio;
        Original = media.Original;
        Filmstrip = media.Filmstrip;
        WaveformPath = media.WaveformPath;
        Generation = generation;
        CreatedByUserId = createdByUserId;
        CreatedAt = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ShotId { get; private set; }
    public int Version { get; private set; }

    /// <summary>Path of the media file relative to the media store.</summary>
    public string MediaPath { get; private set; }

    public string? PosterPath { get; private set; }
    public int FrameRateNumerator { get; private set; }
    public int FrameRateDenominator { get; private set; }
    public long DurationFrames { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }
    public bool HasAudio { get; private set; }
    public OriginalFile? Original { get; private set; }
    public FilmstripSheet? Filmstrip { get; private set; }
    public string? WaveformPath { get; private set; }
    public GenerationInfo Generation { get; private set; }
    public Guid? CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public FrameRate FrameRate => new(FrameRateNumerator, FrameRateDenominator);

    /// <summary>"v003": how editors and VFX name versions.</summary>
    public string VersionLabel => $"v{Version:000}";

    public Timecode DurationTimecode => Timecode.FromFrame(DurationFrames, FrameRate);
}
