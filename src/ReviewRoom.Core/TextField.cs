namespace ReviewRoom.Core;

/// <summary>
/// The one rule for short text people type into a field: trimmed, within its limit, and free of control
/// characters (which no label needs and which break logs, CSV exports and terminals).
/// </summary>
public static class TextField
{
    public static string Clean(string? value, int maxLength, string what, bool multiline = false)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length > maxLength)
            throw new DomainException($"{what} can be at most {maxLength:N0} characters; this one has {trimmed.Length:N0}.");
        if (trimmed.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            throw new DomainException($"{what} contains control characters; type it as plain text.");
        // Direction overrides make "SH010" display as something else in lists, exports and file names.
        if (trimmed.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
            throw new DomainException($"{what} contains text-direction overrides; type it as plain text.");
        return trimmed;
    }
}
