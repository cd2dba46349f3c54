using System.Globalization;

namespace ReviewRoom.Core.Time;

/// <summary>
/// A frame rate as an exact fraction. 23.976 is really 24000/1001; storing it as a double makes
/// frame numbers drift after a few minutes, so every computation here stays in integers.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The underscore stands for the decimal point: Fps29_97 reads as 29.97.")]
public readonly record struct FrameRate
{
    public FrameRate(int numerator, int denominator)
    {
        if (numerator <= 0)
            throw new ArgumentOutOfRangeException(nameof(numerator), numerator, "A frame rate's numerator must be positive.");
        if (denominator <= 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "A frame rate's denominator must be positive.");
        var divisor = GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    public int Numerator { get; }
    public int Denominator { get; }

    public static FrameRate Fps23_976 { get; } = new(24000, 1001);
    public static FrameRate Fps24 { get; } = new(24, 1);
    public static FrameRate Fps25 { get; } = new(25, 1);
    public static FrameRate Fps29_97 { get; } = new(30000, 1001);
    public static FrameRate Fps30 { get; } = new(30, 1);
    public static FrameRate Fps50 { get; } = new(50, 1);
    public static FrameRate Fps59_94 { get; } = new(60000, 1001);
    public static FrameRate Fps60 { get; } = new(60, 1);

    /// <summary>The rates a person picks from (a cut's timeline, the assembly's timecode), slowest first.</summary>
    public static IReadOnlyList<FrameRate> Common { get; } = [Fps23_976, Fps24, Fps25, Fps29_97, Fps30, Fps50, Fps59_94, Fps60];

    /// <summary>The whole number of frames a timecode counts per second (24 for 23.976, 30 for 29.97).</summary>
    public int TimecodeBase => (int)Math.Round((double)Numerator / Denominator, MidpointRounding.AwayFromZero);

    /// <summary>NTSC rates (x000/1001) whose timecode base is a multiple of 30 can use drop-frame timecode.</summary>
    public bool SupportsDropFrame => Denominator == 1001 && Numerator % 1000 == 0 && TimecodeBase % 30 == 0;

    public double FramesPerSecond => (double)Numerator / Denominator;

    /// <summary>Seconds from the start of the timeline to the start of <paramref name="frame"/>.</summary>
    public double SecondsAt(long frame) => (double)frame * Denominator / Numerator;

    /// <summary>
    /// Seconds to the middle of a frame: seeking a browser there shows that frame whatever the
    /// decoder's rounding, where seeking to the frame's start can land on the frame before.
    /// </summary>
    public double SecondsAtCentreOf(long frame) => (frame + 0.5) * Denominator / Numerator;

    /// <summary>
    /// The frame on screen at <paramref name="seconds"/>. Players report times rounded to the
    /// microsecond, which can fall just short of a frame start, hence the small tolerance.
    /// </summary>
    public long FrameAt(double seconds) => (long)Math.Floor(seconds * Numerator / Denominator + 1e-3);

    /// <summary>Whole frames in <paramref name="seconds"/> seconds, rounded down (used for "shift+arrow = one second").</summary>
    public long FramesIn(int seconds) => (long)seconds * Numerator / Denominator;

    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator}/{Denominator}";

    /// <summary>A rate for people: "23.976", "29.97", "24".</summary>
    public string ToDisplayString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Math.Round(FramesPerSecond, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Parses "24", "24000/1001", or the common decimal names "23.976", "29.97", "59.94".</summary>
    public static FrameRate Parse(string text)
    {
        if (TryParse(text, out var rate, out var error))
            return rate;
        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out FrameRate rate, out string error)
    {
        rate = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "Frame rate is empty; expected something like 24, 25, 24000/1001 or 29.97.";
            return false;
        }

        var slash = trimmed.IndexOf('/');
        if (slash >= 0)
        {
            if (int.TryParse(trimmed[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var num)
                && int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var den)
                && num > 0 && den > 0)
            {
                rate = new FrameRate(num, den);
                error = "";
                return true;
            }
            error = $"'{trimmed}' is not a frame rate: write it as two positive whole numbers, like 24000/1001.";
            return false;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            error = $"'{trimmed}' is not a frame rate: expected something like 24, 25, 24000/1001 or 29.97.";
            return false;
        }

        if (value == decimal.Truncate(value))
        {
            rate = new FrameRate((int)value, 1);
            error = "";
            return true;
        }

        // Decimal NTSC names stand for x000/1001; anything else has no exact rational we could trust.
        var ntscBase = decimal.Round(value * 1001m / 1000m);
        if (Math.Abs(ntscBase * 1000m / 1001m - value) < 0.01m)
        {
            rate = new FrameRate((int)ntscBase * 1000, 1001);
            error = "";
            return true;
        }

        error = $"'{trimmed}' is not a known frame rate: use a fraction such as 24000/1001 for an exact rate.";
        return false;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
