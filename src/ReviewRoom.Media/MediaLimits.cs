namespace ReviewRoom.Media;

/// <summary>
/// What a file may ask of the encoder, checked on ffprobe's reading before anything is transcoded: a
/// tiny file can claim a picture that runs for hours, and the proxy would fill every frame of it.
/// </summary>
public static class MediaLimits
{
    /// <summary>How many times more frames a constant-rate copy may need than the file holds (phones vary their rate a little, not tenfold).</summary>
    private const double MaxFillRatio = 4;

    public static void Check(ProbedMedia probed, MediaOptions limits)
    {
        if (probed.StreamCount > limits.MaxStreams)
            Refuse($"It holds {probed.StreamCount} streams; this server accepts at most {limits.MaxStreams}.");
        if (probed.Width > limits.MaxWidth || probed.Height > limits.MaxHeight)
            Refuse($"Its picture is {probed.Width}x{probed.Height}; this server accepts at most {limits.MaxWidth}x{limits.MaxHeight}.");
        var seconds = probed.DurationSeconds ?? probed.FrameRate.SecondsAt(probed.DurationFrames);
        if (seconds > limits.MaxDuration.TotalSeconds)
            Refuse($"It runs {Describe(seconds)}; this server accepts takes up to {Describe(limits.MaxDuration.TotalSeconds)}.");
        var framesToMake = Math.Max(probed.DurationFrames, seconds * probed.FrameRate.FramesPerSecond);
        if (framesToMake > limits.MaxFrames)
            Refuse($"It has {framesToMake:0} frames; this server accepts takes up to {limits.MaxFrames} frames.");
        if (framesToMake > MaxFillRatio * probed.DurationFrames + probed.FrameRate.FramesPerSecond)
            Refuse($"Its {probed.DurationFrames} frames are spread over {Describe(seconds)} with long gaps between them; it is not a video ReviewRoom can review.");
    }

    private static string Describe(double seconds) =>
        seconds >= 120 ? $"{seconds / 60:0.#} minutes" : $"{seconds:0.#} seconds";

    private static void Refuse(string reason) => throw new MediaRefusedException(reason);
}
