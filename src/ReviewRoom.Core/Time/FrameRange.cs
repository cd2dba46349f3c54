namespace ReviewRoom.Core.Time;

/// <summary>An inclusive span of frames on a take's timeline; a single-frame note has In == Out.</summary>
public readonly record struct FrameRange
{
    public FrameRange(long @in, long @out)
    {
        if (@in < 0)
            throw new DomainException("A note cannot start before the first frame.");
        if (@out < @in)
            throw new DomainException("A range must end at or after its in-point.");
        In = @in;
        Out = @out;
    }

    public long In { get; }
    public long Out { get; }

    public bool IsSingleFrame => In == Out;
    public long Length => Out - In + 1;

    public static FrameRange At(long frame) => new(frame, frame);

    public bool FitsWithin(long durationFrames) => Out < durationFrames;

    public bool Contains(long frame) => frame >= In && frame <= Out;
}
