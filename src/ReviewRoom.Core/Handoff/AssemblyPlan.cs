using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Handoff;

/// <summary>
/// One circled take's part of the assembly movie: the frames it fills at the movie's rate (its place on the cut, so the
/// movie, the EDL and the FCPXML agree frame for frame) and the samples of sound that last exactly as long.
/// </summary>
public sealed record AssemblySegment(Guid TakeId, string Name, string SourceRate, bool HasAudio, long Frames, long AudioSamples);

/// <summary>
/// What an assembly movie will hold, fixed when someone asks for it: the cut's circled takes in shot order at one rate and
/// one picture size. Sound is counted from the cut's start at each boundary, so rounding never adds up to drift.
/// </summary>
public sealed record AssemblyPlan(string Rate, int Width, int Height, IReadOnlyList<AssemblySegment> Segments)
{
    public const int SampleRate = 48_000;

    /// <summary>The largest picture a movie is made at: a full-HD box, the size editors and producers watch a cut in.</summary>
    public const int MaxWidth = 1920;
    public const int MaxHeight = 1080;

    private static readonly FrameRate Samples = new(SampleRate, 1);

    public FrameRate FrameRate => Time.FrameRate.Parse(Rate);

    public long TotalFrames => Segments.Sum(s => s.Frames);

    /// <summary>The movie's first timecode, as the cut files start: 01:00:00:00, drop-frame at 29.97 and 59.94.</summary>
    public string StartTimecode => new Timecode(1, 0, 0, 0, FrameRate.SupportsDropFrame).ToString();

    /// <summary>Names this movie's content: the same takes at the same rate and size make the same movie.</summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder($"{Rate}|{Width}x{Height}");
            foreach (var segment in Segments)
                text.Append('|').Append(segment.TakeId.ToString("N")).Append(':').Append(segment.Frames);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
        }
    }

    public static AssemblyPlan For(HandoffCut cut)
    {
        var (width, height) = PictureSize(cut.Clips.Select(c => c.Take));
        var segments = cut.Clips.Select(clip =>
        {
            var start = clip.RecordIn - cut.StartFrame;
            var samples = SamplesAt(start + clip.RecordDuration, cut.Rate) - SamplesAt(start, cut.Rate);
            return new AssemblySegment(clip.Take.TakeId, clip.Take.Name, clip.Take.Rate.ToString(), clip.Take.HasAudio, clip.RecordDuration, samples);
        }).ToList();
        return new AssemblyPlan(cut.Rate.ToString(), width, height, segments);
    }

    /// <summary>
    /// The size most circled takes share (the larger wins a tie), brought inside <see cref="MaxWidth"/> x
    /// <see cref="MaxHeight"/> with its shape kept and both sides even, as H.264 needs. Other takes are fitted inside it.
    /// </summary>
    public static (int Width, int Height) PictureSize(IEnumerable<HandoffTake> takes)
    {
        var (width, height) = takes.Where(t => t.Width > 0 && t.Height > 0)
            .GroupBy(t => (t.Width, t.Height))
            .OrderByDescending(g => g.Count()).ThenByDescending(g => (long)g.Key.Width * g.Key.Height)
            .Select(g => g.Key)
            .DefaultIfEmpty((MaxWidth, MaxHeight))
            .First();
        var scale = Math.Min(1.0, Math.Min((double)MaxWidth / width, (double)MaxHeight / height));
        return (Even(width * scale), Even(height * scale));
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static AssemblyPlan FromJson(string json) =>
        JsonSerializer.Deserialize<AssemblyPlan>(json, JsonOptions) ?? throw new JsonException("An assembly plan was empty.");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static long SamplesAt(long frame, FrameRate rate) => ExactTime.OfFrames(frame, rate).NearestFrame(Samples);

    private static int Even(double side) => Math.Max(2, (int)Math.Round(side / 2, MidpointRounding.AwayFromZero) * 2);
}
