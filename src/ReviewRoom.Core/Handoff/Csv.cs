using System.Text;

namespace ReviewRoom.Core.Handoff;

/// <summary>
/// RFC 4180 CSV for spreadsheets. A cell that a spreadsheet would run as a formula (starting =, +, -, @, a tab or a
/// carriage return) gets a leading apostrophe: a note's text is someone's words, never a formula on the reader's machine.
/// </summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();

    public Csv(params string[] header) => Row(header);

    public Csv Row(params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                _text.Append(',');
            _text.Append(Cell(cells[i] ?? ""));
        }
        _text.Append("\r\n");
        return this;
    }

    /// <summary>UTF-8 with a byte-order mark, which spreadsheets need to read accents and names in other scripts.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public override string ToString() => _text.ToString();

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
