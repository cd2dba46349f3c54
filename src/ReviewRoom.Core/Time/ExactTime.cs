using System.Globalization;
using System.Numerics;

namespace ReviewRoom.Core.Time;

/// <summary>
/// A time in seconds as an exact fraction, for formats that write rational times (FCPXML's "1001/24000s") and for
/// placing takes of different rates one after another without rounding piling up.
/// </summary>
public readonly record struct ExactTime
{
    private ExactTime(BigInteger numerator, BigInteger denominator)
    {
        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (divisor.IsZero)
            divisor = BigInteger.One;
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public static ExactTime Zero { get; } = new(0, 1);

    /// <summary>The start of <paramref name="frame"/> at <paramref name="rate"/>.</summary>
    public static ExactTime OfFrames(long frame, FrameRate rate) => new((BigInteger)frame * rate.Denominator, rate.Numerator);

    public static ExactTime operator +(ExactTime a, ExactTime b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>The frame of <paramref name="rate"/> nearest this time (halves round up), for placing on another rate's timeline.</summary>
    public long NearestFrame(FrameRate rate)
    {
        var scaled = Numerator * rate.Numerator;
        var per = Denominator * rate.Denominator;
        return (long)((2 * scaled + per) / (2 * per));
    }

    /// <summary>FCPXML's form: "0s", "3600s", "1001/24000s".</summary>
    public string ToFcpxml() => Denominator.IsOne
        ? string.Create(CultureInfo.InvariantCulture, $"{Numerator}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}s");
}
