using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Projects;

/// <summary>
/// What probing a take's media file found, and where it is kept. <see cref="Path"/> is what the player
/// plays (the original when browsers can play it, otherwise a proxy).
/// </summary>
public sealed record TakeMedia(string Path, string? PosterPath, FrameRate FrameRate, long DurationFrames, int Width, int Height, bool HasAudio)
{
    /// <summary>The file as it was uploaded, kept for download; null for media that came without one.</summary>
    public OriginalFile? Original { get; init; }

    public FilmstripSheet? Filmstrip { get; init; }

    /// <summary>A picture of the sound, drawn under the timeline; null when the take is silent.</summary>
    public string? WaveformPath { get; init; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            throw new DomainException("A take needs a media file.");
        if (DurationFrames <= 0)
            throw new DomainException("A take's media must have at least one frame.");
        if (Width <= 0 || Height <= 0)
            throw new DomainException("A take's media must have a picture size.");
    }
}

/// <summary>The uploaded file: what it was called, how big it was and what it contained.</summary>
public sealed record OriginalFile(string Path, string FileName, long SizeBytes, string Container, string VideoCodec);

/// <summary>
/// Thumbnails of a take laid out in a grid in one image: tile <c>i</c> shows frame <c>i * FramesPerTile</c>.
/// Hover scrubbing picks a tile instead of asking the server for a frame.
/// </summary>
public sealed record FilmstripSheet(string Path, int Columns, int Rows, int TileWidth, int TileHeight, int TileCount, int FramesPerTile);
