using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Projects;

/// <summary>What probing a take's media file found, and where it is kept.</summary>
public sealed record TakeMedia(string Path, string? PosterPath, FrameRate FrameRate, long DurationFrames, int Width, int Height, bool HasAudio)
{
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
