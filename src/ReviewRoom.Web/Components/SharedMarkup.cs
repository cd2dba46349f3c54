using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace ReviewRoom.Web.Components;

/// <summary>
/// Markup that many open pages show the same (a take card's inside, a shot's heading, a project's progress), kept once
/// for the whole server: each page's render tree holds one frame pointing at the shared string, where its own copy, or
/// the elements it stands for, would be kept in every circuit.
/// </summary>
public static class SharedMarkup
{
    // Emptied now and then, so markup for takes and states long gone does not stay: after so many pieces, or so much
    // text (a shot's description can be 4,000 characters, and every edit of it is a new piece).
    private const int MostKept = 4096;
    private const long MostCharactersKept = 2_000_000;
    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);
    private static long CharactersKept;

    /// <summary>The one kept copy of <paramref name="html"/>, which must already be safe (user text encoded).</summary>
    public static string Of(string html)
    {
        if (Kept.TryGetValue(html, out var kept))
            return kept;
        if (Kept.Count >= MostKept || Interlocked.Read(ref CharactersKept) > MostCharactersKept)
        {
            Kept.Clear();
            Interlocked.Exchange(ref CharactersKept, 0);
        }
        if (Kept.TryAdd(html, html))
            Interlocked.Add(ref CharactersKept, html.Length);
        return Kept.GetValueOrDefault(html, html);
    }

    public static MarkupString Markup(string html) => new(Of(html));
}
