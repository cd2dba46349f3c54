using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>
/// The review as a PDF for whoever reads it away from the room: a cover with the project, the date, the counts and the
/// statuses; then shot by shot, the circled take and every note thread with a picture of its frame (its drawing on it),
/// its timecode, author, text and replies. Pages flow: a thread that does not fit starts the next page.
/// </summary>
public sealed class ReviewReportPdf : IDisposable
{
    private const double Margin = 42;
    private const double ThumbWidth = 150;
    private const double Gap = 12;
    private static readonly XColor Ink = XColor.FromArgb(30, 30, 34);
    private static readonly XColor Muted = XColor.FromArgb(110, 112, 120);
    private static readonly XColor Accent = XColor.FromArgb(200, 120, 0);

    private readonly PdfDocument _document = new();
    private readonly List<XImage> _images = [];
    private readonly XFont _title = new(ReportFonts.Family, 22, XFontStyleEx.Bold);
    private readonly XFont _heading = new(ReportFonts.Family, 14, XFontStyleEx.Bold);
    private readonly XFont _subheading = new(ReportFonts.Family, 11, XFontStyleEx.Bold);
    private readonly XFont _body = new(ReportFonts.Family, 9.5, XFontStyleEx.Regular);
    private readonly XFont _small = new(ReportFonts.Family, 8, XFontStyleEx.Regular);
    private readonly XFont _smallBold = new(ReportFonts.Family, 8, XFontStyleEx.Bold);
    private XGraphics? _page;
    private double _y;

    private ReviewReportPdf()
    {
    }

    private double Width => _document.Pages[0].Width.Point - 2 * Margin;
    private double Bottom => _document.Pages[0].Height.Point - Margin - 14;

    /// <summary>
    /// Lays out the report. <paramref name="thumbnail"/> gives the path of a note's picture (or null when there is none);
    /// pictures are read one at a time as the pages are written.
    /// </summary>
    public static async Task<byte[]> WriteAsync(NotesReport report, HandoffCut cut, DateTime madeAtUtc,
        Func<HandoffTake, HandoffNote, Task<string?>> thumbnail)
    {
        using var pdf = new ReviewReportPdf();
        pdf._document.Info.Title = $"{report.ProjectName}: review report";
        pdf._document.Info.Creator = "ReviewRoom";
        pdf._document.Info.CreationDate = madeAtUtc;
        pdf.Cover(report, cut, madeAtUtc);
        foreach (var shot in cut.Shots)
            await pdf.ShotAsync(shot, report.Takes.Where(t => t.ShotId == shot.ShotId && t.Notes.Count > 0).ToList(), thumbnail);
        pdf._page?.Dispose();
        pdf._page = null;
        pdf.Footers(report.ProjectName);
        using var output = new MemoryStream();
        pdf._document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _page?.Dispose();
        foreach (var image in _images)
            image.Dispose();
        _document.Dispose();
    }

    private void NewPage()
    {
        _page?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _page = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private XGraphics Page => _page ?? throw new InvalidOperationException("No page yet.");

    /// <summary>Room for <paramref name="height"/> more points on this page, or a new page.</summary>
    private void Need(double height)
    {
        if (_page is null || _y + height > Bottom)
            NewPage();
    }

    private void Line(string text, XFont font, XColor color, double indent = 0, double after = 3)
    {
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Need(font.Height);
            Page.DrawString(line, font, new XSolidBrush(color), Margin + indent, _y + font.Height * 0.8);
            _y += font.Height;
        }
        _y += after;
    }

    private void Cover(NotesReport report, HandoffCut cut, DateTime madeAtUtc)
    {
        NewPage();
        Line("ReviewRoom · review report", _small, Muted, after: 6);
        Line(report.ProjectName, _title, Ink, after: 4);
        Line(madeAtUtc.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture), _body, Muted, after: 14);
        if (report.Filter.Describe() is { Length: > 0 } filter)
            Line($"Notes shown: {filter}.", _body, Ink, after: 8);

        var threads = report.Takes.SelectMany(t => t.Threads()).ToList();
        var open = threads.Count(t => !t.Head.Resolved);
        var circled = cut.Shots.Count(s => s.Circled is not null);
        Line($"{Count(cut.Shots.Count, "shot")} · {Count(report.Takes.Count, "take")} · {Count(threads.Count, "note thread")} ({open} open, {threads.Count - open} resolved) · "
            + $"{Count(report.NoteCount - threads.Count, "reply", "replies")}", _subheading, Ink, after: 6);
        Line($"Circled: {circled} of {Count(cut.Shots.Count, "shot")}. Credits spent: {cut.Shots.Sum(s => s.CreditsSpent).ToString("0.##", CultureInfo.InvariantCulture)}.", _body, Ink);
        var statuses = report.Takes.GroupBy(t => t.Status).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        Line($"Takes by status: {string.Join(" · ", statuses)}.", _body, Ink, after: 16);

        Line("Shots", _heading, Ink, after: 4);
        foreach (var shot in cut.Shots)
        {
            var chosen = shot.Circled is { } take ? $"circled {take.VersionLabel} ({take.Status}), {take.Generation.Model}, {take.Duration}" : "no take circled";
            Line($"{shot.Code}{(shot.SceneLabel.Length > 0 ? $" · {shot.SceneLabel}" : "")}: {chosen}", _body, Ink, after: 2);
        }
    }

    private async Task ShotAsync(HandoffShot shot, IReadOnlyList<HandoffTake> takes, Func<HandoffTake, HandoffNote, Task<string?>> thumbnail)
    {
        Need(80);
        _y += 10;
        Page.DrawLine(new XPen(Accent, 1), Margin, _y, Margin + Width, _y);
        _y += 6;
        Line($"{shot.Code}{(shot.SceneLabel.Length > 0 ? $" · {shot.SceneLabel}" : "")}", _heading, Ink, after: 2);
        Line(shot.Circled is { } circled ? $"Circled: {circled.VersionLabel} ({circled.Status})" : "No take circled", _body, Muted, after: 6);
        if (takes.Count == 0)
            Line("No notes.", _body, Muted);
        foreach (var take in takes)
        {
            Need(40);
            Line($"{take.VersionLabel} · {take.Generation.Model} · {take.Rate.ToDisplayString()} fps · {take.Status}", _subheading, Ink, after: 4);
            foreach (var (head, replies) in take.Threads())
                await ThreadAsync(take, head, replies, thumbnail);
        }
    }

    private async Task ThreadAsync(HandoffTake take, HandoffNote head, IReadOnlyList<HandoffNote> replies, Func<HandoffTake, HandoffNote, Task<string?>> thumbnail)
    {
        var thumbHeight = ThumbWidth * take.Height / Math.Max(1, take.Width);
        thumbHeight = Math.Min(thumbHeight, ThumbWidth);
        var textX = ThumbWidth + Gap;
        var textWidth = Width - textX;
        var blocks = new List<(string Text, XFont Font, XColor Color, double Indent)>
        {
            ($"{Position(take, head)} · {head.Author}, {ProjectRolePolicy.DisplayName(head.Role)} · {(head.Resolved ? "Resolved" : "Open")}", _smallBold, Accent, 0),
            (head.PlainText.Length > 0 ? head.PlainText : "(a drawing)", _body, Ink, 0),
        };
        blocks.AddRange(replies.Select(r => ($"↳ {r.Author}, {ProjectRolePolicy.DisplayName(r.Role)}: {(r.PlainText.Length > 0 ? r.PlainText : "(a drawing)")}", _small, Muted, 10.0)));
        var lines = blocks.SelectMany(b => Wrap(b.Text, b.Font, textWidth - b.Indent).Select(line => (line, b.Font, b.Color, b.Indent))).ToList();
        var textHeight = lines.Sum(l => l.Font.Height) + 2;
        Need(Math.Min(Math.Max(thumbHeight, textHeight), Bottom - Margin) + 10);

        var top = _y;
        if (await thumbnail(take, head) is { } picture)
        {
            var image = XImage.FromStream(new MemoryStream(await File.ReadAllBytesAsync(picture)));
            _images.Add(image);
            Page.DrawImage(image, Margin, top, ThumbWidth, thumbHeight);
        }
        else
        {
            Page.DrawRectangle(new XPen(Muted, 0.5), Margin, top, ThumbWidth, thumbHeight);
            Page.DrawString("no picture", _small, new XSolidBrush(Muted), Margin + 6, top + thumbHeight / 2);
        }
        var pictureBottom = top + thumbHeight;
        foreach (var (line, font, color, indent) in lines)
        {
            if (_y + font.Height > Bottom)
            {
                NewPage();
                pictureBottom = _y;
            }
            Page.DrawString(line, font, new XSolidBrush(color), Margin + textX + indent, _y + font.Height * 0.8);
            _y += font.Height;
        }
        _y = Math.Max(_y, pictureBottom) + 10;
    }

    private static string Position(HandoffTake take, HandoffNote note) => note.FrameIn == note.FrameOut
        ? $"{Timecode.FromFrame(note.FrameIn, take.Rate)} (frame {note.FrameIn})"
        : $"{Timecode.FromFrame(note.FrameIn, take.Rate)} – {Timecode.FromFrame(note.FrameOut, take.Rate)} (frames {note.FrameIn}–{note.FrameOut})";

    private void Footers(string project)
    {
        for (var i = 0; i < _document.Pages.Count; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            gfx.DrawString($"{HandoffText.OneLine(project, 80)} · page {i + 1} of {_document.Pages.Count}", _small, new XSolidBrush(Muted),
                Margin, page.Height.Point - Margin + 8);
        }
    }

    /// <summary>The text in lines no wider than <paramref name="width"/>, breaking at spaces (or inside a word longer than a line).</summary>
    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        var measure = _page ?? throw new InvalidOperationException("No page yet.");
        foreach (var paragraph in HandoffText.Printable(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (measure.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                    yield return line;
                line = word;
                while (line.Length > 1 && measure.MeasureString(line, font).Width > width)
                {
                    var fits = line.Length - 1;
                    while (fits > 1 && measure.MeasureString(line[..fits], font).Width > width)
                        fits--;
                    yield return line[..fits];
                    line = line[fits..];
                }
            }
            yield return line;
        }
    }

    private static string Count(int count, string one, string? many = null) => count == 1 ? $"1 {one}" : $"{count} {many ?? one + "s"}";
}
