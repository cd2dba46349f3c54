using System.Text;
using System.Text.RegularExpressions;

namespace ReviewRoom.Core.Notes;

public sealed record Mentionable(Guid UserId, string DisplayName);

/// <summary>
/// Mentions are kept in a note's body as member tokens, <c>@{user-id}</c>, so they point at the person
/// whatever their name becomes. People type and edit names ("@Dana Reyes"); this converts between the two.
/// </summary>
public static partial class Mentions
{
    /// <summary>Turns typed "@Name" mentions of members into tokens and lists who is mentioned.</summary>
    public static (string Body, IReadOnlyList<Guid> Mentioned) Encode(string typed, IEnumerable<Mentionable> members)
    {
        var mentioned = new List<Guid>();
        var candidates = members.Where(m => m.DisplayName.Length > 0).OrderByDescending(m => m.DisplayName.Length).ToList();
        var result = new StringBuilder(typed.Length);
        var i = 0;
        while (i < typed.Length)
        {
            if (typed[i] == '@' && (i == 0 || !char.IsLetterOrDigit(typed[i - 1])))
            {
                var match = candidates.FirstOrDefault(m =>
                    string.Compare(typed, i + 1, m.DisplayName, 0, m.DisplayName.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (i + 1 + m.DisplayName.Length == typed.Length || !char.IsLetterOrDigit(typed[i + 1 + m.DisplayName.Length])));
                if (match is not null)
                {
                    result.Append("@{").Append(match.UserId).Append('}');
                    if (!mentioned.Contains(match.UserId))
                        mentioned.Add(match.UserId);
                    i += 1 + match.DisplayName.Length;
                    continue;
                }
            }
            result.Append(typed[i]);
            i++;
        }
        return (result.ToString(), mentioned);
    }

    /// <summary>Turns tokens back into "@Name" for editing; a token of someone unknown becomes "@someone".</summary>
    public static string Decode(string body, Func<Guid, string?> nameOf) =>
        Token().Replace(body, match => "@" + (nameOf(Guid.Parse(match.Groups["id"].Value)) ?? "someone"));

    public static string Replace(string body, Func<Guid, string> replacement) =>
        Token().Replace(body, match => replacement(Guid.Parse(match.Groups["id"].Value)));

    [GeneratedRegex(@"@\{(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();
}
