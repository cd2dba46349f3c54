using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Handoff;

/// <summary>
/// A note as it leaves ReviewRoom: its frames on the take, who wrote it, and its text both as written (Markdown, with
/// mentions as names) and as plain text for formats that cannot carry formatting.
/// </summary>
public sealed record HandoffNote(
    Guid Id,
    Guid? ParentId,
    long FrameIn,
    long FrameOut,
    string Author,
    ProjectRole Role,
    string Markdown,
    string PlainText,
    bool Resolved,
    DateTime CreatedAt,
    string Link,
    Notes.Drawing? Drawing = null)
{
    public bool IsReply => ParentId is not null;

    /// <summary>Inclusive: a note on one frame lasts one frame.</summary>
    public long FrameCount => FrameOut - FrameIn + 1;
}

/// <summary>A take with what travels with it: how it was made, where its file is, its status and its notes (threads in order).</summary>
public sealed record HandoffTake(
    Guid TakeId,
    Guid ShotId,
    string ShotCode,
    string SceneLabel,
    string VersionLabel,
    FrameRate Rate,
    long DurationFrames,
    int Width,
    int Height,
    bool HasAudio,
    GenerationInfo Generation,
    string? ParentVersionLabel,
    string Status,
    string FileName,
    string MediaUrl,
    string Link,
    IReadOnlyList<HandoffNote> Notes)
{
    public string Name => $"{ShotCode} {VersionLabel}";

    public Timecode Duration => Timecode.FromFrame(DurationFrames, Rate);

    /// <summary>Thread heads in the order of their frames (the order an editor meets them), each with its replies, oldest first.</summary>
    public IEnumerable<(HandoffNote Head, IReadOnlyList<HandoffNote> Replies)> Threads()
    {
        var replies = Notes.Where(n => n.IsReply).ToLookup(n => n.ParentId);
        return Notes.Where(n => !n.IsReply).OrderBy(n => n.FrameIn).ThenBy(n => n.CreatedAt)
            .Select(head => (head, (IReadOnlyList<HandoffNote>)replies[head.Id].OrderBy(r => r.CreatedAt).ToList()));
    }
}

/// <summary>A shot in cut order with its circled take, if one is circled, and what all its takes cost.</summary>
public sealed record HandoffShot(Guid ShotId, int Order, string Code, string SceneLabel, decimal CreditsSpent, HandoffTake? Circled);

/// <summary>
/// The cut: circled takes back to back in shot order on a timeline at <see cref="Rate"/> that starts at
/// <see cref="StartTimecode"/> (01:00:00:00, as editors expect). Each take keeps its own rate and lasts as long in
/// seconds as it does alone; where rates differ its place on the cut's timeline is the nearest frame of the cut's rate.
/// </summary>
public sealed class HandoffCut
{
    public HandoffCut(string projectName, FrameRate rate, IReadOnlyList<HandoffShot> shots)
    {
        ProjectName = projectName;
        Rate = rate;
        Shots = shots;
        StartFrame = new Timecode(1, 0, 0, 0, rate.SupportsDropFrame).ToFrame(rate);
        var clips = new List<CutClip>();
        var elapsed = ExactTime.Zero;
        foreach (var take in shots.Select(s => s.Circled).OfType<HandoffTake>())
        {
            var recordIn = elapsed.NearestFrame(rate);
            elapsed += ExactTime.OfFrames(take.DurationFrames, take.Rate);
            clips.Add(new CutClip(take, StartFrame + recordIn, elapsed.NearestFrame(rate) - recordIn));
        }
        Clips = clips;
    }

    public string ProjectName { get; }
    public FrameRate Rate { get; }
    public IReadOnlyList<HandoffShot> Shots { get; }
    public IReadOnlyList<CutClip> Clips { get; }

    /// <summary>The cut's first frame on its own timeline (01:00:00:00 at its rate).</summary>
    public long StartFrame { get; }

    public long DurationFrames => Clips.Count == 0 ? 0 : Clips[^1].RecordOut - StartFrame;

    /// <summary>The rate most of the circled takes share (the earliest shot's wins a tie), or 24 for an empty cut.</summary>
    public static FrameRate UsualRate(IEnumerable<HandoffShot> shots) =>
        shots.Select(s => s.Circled).OfType<HandoffTake>()
            .Select((take, index) => (take.Rate, index))
            .GroupBy(t => t.Rate)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(t => t.index))
            .Select(g => g.Key)
            .DefaultIfEmpty(FrameRate.Fps24)
            .First();
}

/// <summary>One circled take on the cut's timeline: record frames are the cut's, at the cut's rate; <see cref="RecordOut"/> is exclusive.</summary>
public sealed record CutClip(HandoffTake Take, long RecordIn, long RecordDuration)
{
    public long RecordOut => RecordIn + RecordDuration;

    /// <summary>Where a frame of the take falls on the cut's timeline (the same frame when the rates agree).</summary>
    public long RecordFrameOf(long takeFrame, FrameRate cutRate) =>
        Take.Rate == cutRate ? RecordIn + takeFrame : RecordIn + ExactTime.OfFrames(takeFrame, Take.Rate).NearestFrame(cutRate);
}
