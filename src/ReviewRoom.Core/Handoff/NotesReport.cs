using System.Globalization;
using System.Text;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Handoff;

/// <summary>
/// Which notes a report holds, as the notes panel filters: "open only" and "by role" look at a thread's first note and
/// keep its replies with it; "since" keeps each note or reply written since then.
/// </summary>
public sealed record ExportFilter(bool OpenOnly = false, ProjectRole? Role = null, DateTime? SinceUtc = null)
{
    public static ExportFilter All { get; } = new();

    public bool Admits(HandoffNote note, HandoffNote head) =>
        (!OpenOnly || !head.Resolved) && (Role is not { } role || head.Role == role) && (SinceUtc is not { } since || note.CreatedAt >= since);

    /// <summary>The filter in words, for a report's heading; empty when it admits every note.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (OpenOnly)
            parts.Add("open threads only");
        if (Role is { } role)
            parts.Add($"threads started by {ProjectRolePolicy.DisplayName(role)}s");
        if (SinceUtc is { } since)
            parts.Add($"written since {since.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        return string.Join(", ", parts);
    }

    /// <summary>The take with only the notes this filter admits, in their threads' order.</summary>
    public HandoffTake Apply(HandoffTake take)
    {
        var heads = take.Notes.Where(n => !n.IsReply).ToDictionary(n => n.Id);
        return take with
        {
            Notes = take.Notes.Where(n => heads.TryGetValue(n.ParentId ?? n.Id, out var head) && Admits(n, head)).ToList(),
        };
    }
}

/// <summary>A set of notes to hand over: what it covers (a take, a shot, a project or a playlist) and its takes in order.</summary>
public sealed record NotesReport(string ProjectName, string Title, ExportFilter Filter, IReadOnlyList<HandoffTake> Takes)
{
    public int NoteCount => Takes.Sum(t => t.Notes.Count);

    /// <summary>One row per note and per reply, in threads, takes in order.</summary>
    public byte[] ToCsv()
    {
        var csv = new Csv("Shot", "Take", "Version", "Timecode in", "Timecode out", "Frame in", "Frame out", "Frames", "Author", "Role",
            "Status", "Kind", "Thread", "Text", "Link", "Written (UTC)", "Note");
        foreach (var take in Takes)
            foreach (var (head, replies) in take.Threads())
                foreach (var note in replies.Prepend(head))
                    csv.Row(take.ShotCode, take.Name, take.VersionLabel,
                        Timecode.FromFrame(note.FrameIn, take.Rate).ToString(), Timecode.FromFrame(note.FrameOut, take.Rate).ToString(),
                        Number(note.FrameIn), Number(note.FrameOut), Number(note.FrameCount), note.Author, ProjectRolePolicy.DisplayName(note.Role),
                        head.Resolved ? "Resolved" : "Open", note.IsReply ? "Reply" : "Note", head.Id.ToString(), HandoffText.Printable(note.PlainText), note.Link,
                        note.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), note.Id.ToString());
        return csv.ToBytes();
    }

    /// <summary>
    /// Markdown for a wiki, a ticket or an email: a section per take, each thread with its timecode, author and status, the
    /// note's own Markdown quoted beneath (so its headings and lists cannot break the report's), replies indented under it.
    /// </summary>
    public byte[] ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Inline(Title)).Append("\n\n");
        md.Append(Inline(ProjectName)).Append(" · ")
            .Append(NoteCount == 1 ? "1 note" : $"{NoteCount} notes").Append(" on ")
            .Append(Takes.Count == 1 ? "1 take" : $"{Takes.Count} takes");
        if (Filter.Describe() is { Length: > 0 } filter)
            md.Append(" · ").Append(filter);
        md.Append("\n\n");
        if (NoteCount == 0)
            md.Append("No notes match.\n");
        foreach (var take in Takes.Where(t => t.Notes.Count > 0))
        {
            md.Append("## ").Append(Inline(take.Name)).Append(" · ").Append(Inline(take.Status)).Append("\n\n");
            md.Append(CultureInfo.InvariantCulture, $"{take.Rate.ToDisplayString()} fps · {take.DurationFrames} frames · {Inline(take.Generation.Model)} · [open the take](<{take.Link}>)\n\n");
            foreach (var (head, replies) in take.Threads())
            {
                md.Append("- ").Append(Heading(take, head)).Append(head.Resolved ? " · Resolved" : " · Open").Append("\n\n");
                Quote(md, head.Markdown, "  ");
                foreach (var reply in replies)
                {
                    md.Append("  - Reply · ").Append(Heading(take, reply)).Append("\n\n");
                    Quote(md, reply.Markdown, "    ");
                }
            }
        }
        return Encoding.UTF8.GetBytes(md.ToString());
    }

    private static string Heading(HandoffTake take, HandoffNote note)
    {
        var at = note.FrameIn == note.FrameOut
            ? $"**{Timecode.FromFrame(note.FrameIn, take.Rate)}** (frame {note.FrameIn})"
            : $"**{Timecode.FromFrame(note.FrameIn, take.Rate)} – {Timecode.FromFrame(note.FrameOut, take.Rate)}** (frames {note.FrameIn}–{note.FrameOut})";
        return $"{at} · {Inline(note.Author)}, {ProjectRolePolicy.DisplayName(note.Role)} · [go to the frame](<{note.Link}>)";
    }

    private static void Quote(StringBuilder md, string markdown, string indent)
    {
        foreach (var line in HandoffText.Printable(markdown).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            md.Append(indent).Append("> ").Append(line.Replace("<", "&lt;", StringComparison.Ordinal)).Append('\n');
        md.Append('\n');
    }

    /// <summary>A name or label as literal text: Markdown's punctuation escaped, one line.</summary>
    private static string Inline(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in HandoffText.OneLine(text, 500))
        {
            if ("\\`*_{}[]()<>#+-.!|~".Contains(c, StringComparison.Ordinal))
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
