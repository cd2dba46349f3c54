using System.Globalization;

namespace ReviewRoom.Core.Time;

/// <summary>
/// SMPTE timecode derived from a frame number. Positions are stored as frames; a timecode is only
/// ever a way to show or type one. Drop-frame (29.97, 59.94) skips labels, never frames: the first
/// 2 (or 4) labels of every minute, except every tenth minute, so the clock keeps to wall time.
/// </summary>
public readonly record struct Timecode(int Hours, int Minutes, int Seconds, int Frames, bool DropFrame)
{
    public static Timecode FromFrame(long frame, FrameRate rate, bool dropFrame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        EnsureDropFrameAllowed(rate, dropFrame);

        var fps = rate.TimecodeBase;
        var label = frame;
        if (dropFrame)
        {
            var dropped = DroppedPerMinute(rate);
            var perMinute = fps * 60L - dropped;
            var perTenMinutes = perMinute * 10 + dropped;
            var tens = frame / perTenMinutes;
            var rest = frame % perTenMinutes;
            // The first minute of each ten keeps all its labels; each later minute drops `dropped`.
            label += 9 * dropped * tens;
            if (rest >= dropped)
                label += dropped * ((rest - dropped) / perMinute);
        }

        var frames = (int)(label % fps);
        var totalSeconds = label / fps;
        return new Timecode(
            (int)(totalSeconds / 3600),
            (int)(totalSeconds / 60 % 60),
            (int)(totalSeconds % 60),
            frames,
            dropFrame);
    }

    /// <summary>Shows a frame as timecode, drop-frame where the rate allows it (the convention for 29.97 and 59.94).</summary>
    public static Timecode FromFrame(long frame, FrameRate rate) => FromFrame(frame, rate, rate.SupportsDropFrame);

    public long ToFrame(FrameRate rate)
    {
        EnsureDropFrameAllowed(rate, DropFrame);
        var fps = rate.TimecodeBase;
        Validate(this, rate);
        var totalMinutes = 60L * Hours + Minutes;
        var label = ((totalMinutes * 60) + Seconds) * fps + Frames;
        if (!DropFrame)
            return label;
        var dropped = DroppedPerMinute(rate);
        return label - dropped * (totalMinutes - totalMinutes / 10);
    }

    public override string ToString()
    {
        var separator = DropFrame ? ';' : ':';
        return string.Create(CultureInfo.InvariantCulture, $"{Hours:00}:{Minutes:00}:{Seconds:00}{separator}{Frames:00}");
    }

    /// <summary>
    /// Parses "HH:MM:SS:FF" (non-drop) or "HH:MM:SS;FF" / "HH:MM:SS.FF" (drop-frame) at the given rate.
    /// </summary>
    public static Timecode Parse(string text, FrameRate rate)
    {
        if (TryParse(text, rate, out var timecode, out var error))
            return timecode;
        throw new FormatException(error);
    }

    public static bool TryParse(string? text, FrameRate rate, out Timecode timecode, out string error)
    {
        timecode = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "Timecode is empty; expected HH:MM:SS:FF.";
            return false;
        }
        if (trimmed.Length > 16)
        {
            error = "That is too long for a timecode: expected HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame.";
            return false;
        }

        var parts = trimmed.Split(':', ';', '.', ',');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiDigit)))
        {
            error = $"'{trimmed}' is not a timecode: expected HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame.";
            return false;
        }

        var lastSeparator = trimmed[trimmed.Length - parts[3].Length - 1];
        var dropFrame = lastSeparator is ';' or '.' or ',';
        if (dropFrame && !rate.SupportsDropFrame)
        {
            error = $"'{trimmed}' is drop-frame timecode, which {rate.ToDisplayString()} fps does not use; write it with ':' before the frames.";
            return false;
        }

        var candidate = new Timecode(
            int.Parse(parts[0], CultureInfo.InvariantCulture),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture),
            int.Parse(parts[3], CultureInfo.InvariantCulture),
            dropFrame);
        var problem = Problem(candidate, rate);
        if (problem is not null)
        {
            error = $"'{trimmed}' is not a valid timecode at {rate.ToDisplayString()} fps: {problem}.";
            return false;
        }

        timecode = candidate;
        error = "";
        return true;
    }

    private static void Validate(Timecode timecode, FrameRate rate)
    {
        var problem = Problem(timecode, rate);
        if (problem is not null)
            throw new ArgumentException($"{timecode} is not a valid timecode at {rate.ToDisplayString()} fps: {problem}.", nameof(timecode));
    }

    private static string? Problem(Timecode timecode, FrameRate rate)
    {
        var fps = rate.TimecodeBase;
        if (timecode.Hours is < 0 or > 99)
            return "hours run from 00 to 99";
        if (timecode.Minutes is < 0 or > 59)
            return "minutes run from 00 to 59";
        if (timecode.Seconds is < 0 or > 59)
            return "seconds run from 00 to 59";
        if (timecode.Frames < 0 || timecode.Frames >= fps)
            return $"frames run from 00 to {fps - 1:00}";
        if (timecode.DropFrame && timecode.Seconds == 0 && timecode.Minutes % 10 != 0
            && timecode.Frames < DroppedPerMinute(rate))
            return $"drop-frame skips frames 00 to {DroppedPerMinute(rate) - 1:00} at the start of every minute not divisible by ten";
        return null;
    }

    private static int DroppedPerMinute(FrameRate rate) => rate.TimecodeBase / 15;

    private static void EnsureDropFrameAllowed(FrameRate rate, bool dropFrame)
    {
        if (dropFrame && !rate.SupportsDropFrame)
            throw new ArgumentException($"Drop-frame timecode applies to 29.97 and 59.94 fps, not {rate.ToDisplayString()}.", nameof(dropFrame));
    }
}
