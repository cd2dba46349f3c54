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

    /// <summary>When the take was taken off the shot; its notes, decisions and media are kept so it can come back.</summary>
    public DateTime? RemovedAt { get; private set; }

    public Guid? RemovedByUserId { get; private set; }

    /// <summary>How long a removed take can be brought back.</summary>
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(30);

    public bool CanRestore(DateTime nowUtc) => RemovedAt is { } removed && nowUtc - removed <= RestoreWindow;

    internal void Remove(Guid? byUserId, DateTime nowUtc)
    {
        if (RemovedAt is not null)
            throw new DomainException($"{VersionLabel} was already removed.");
        RemovedAt = nowUtc;
        RemovedByUserId = byUserId;
    }

    internal void Restore(DateTime nowUtc)
    {
        if (RemovedAt is null)
            return;
        if (!CanRestore(nowUtc))
            throw new DomainException($"{VersionLabel} was removed more than {RestoreWindow.TotalDays:0} days ago and can no longer be restored.");
        RemovedAt = null;
        RemovedByUserId = null;
    }

    public FrameRate FrameRate => new(FrameRateNumerator, FrameRateDenominator);

    /// <summary>"v003": how editors and VFX name versions.</summary>
    public string VersionLabel => $"v{Version:000}";

    public Timecode DurationTimecode => Timecode.FromFrame(DurationFrames, FrameRate);
}
