using System.Globalization;
using System.Text;

namespace ReviewRoom.Core.Handoff;

/// <summary>Text squeezed into the places editors' formats leave for it.</summary>
public static class HandoffText
{
    /// <summary>
    /// One line of printable ASCII at most <paramref name="maxLength"/> long, for EDL comments (which editors read as
    /// ASCII): accents are dropped from their letters, other characters become '?', and line breaks become spaces.
    /// </summary>
    public static string AsciiLine(string text, int maxLength)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Printable(text).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            builder.Append(c is >= ' ' and <= '~' ? c : char.IsWhiteSpace(c) ? ' ' : '?');
        }
        var line = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= maxLength ? line : line[..(maxLength - 3)].TrimEnd() + "...";
    }

    /// <summary>One line of text (any script), line breaks folded to spaces: a marker's name or a clip's label.</summary>
    public static string OneLine(string text, int maxLength)
    {
        var line = string.Join(' ', Printable(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= maxLength ? line : line[..(maxLength - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// The text without control characters (other than line breaks and tabs) or halves of broken surrogate pairs, which
    /// XML cannot hold and JSON readers choke on.
    /// </summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c is '\uFFFE' or '\uFFFF')
                continue;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>What a marker says: who wrote the note, then the note (and how many replies it has).</summary>
    public static string MarkerText(HandoffNote head, int replies) =>
        $"{head.Author} ({Projects.ProjectRolePolicy.DisplayName(head.Role)}): {head.PlainText}"
        + (replies switch { 0 => "", 1 => " [1 reply]", _ => $" [{replies} replies]" });
}
