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
    // Emptied now and then, so markup for takes and states long gone does not stay.
    private const int MostKept = 4096;
    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);

    /// <summary>The one kept copy of <paramref name="html"/>, which must already be safe (user text encoded).</summary>
    public static string Of(string html)
    {
        if (Kept.Count >= MostKept)
            Kept.Clear();
        return Kept.GetOrAdd(html, html);
    }

    public static MarkupString Markup(string html) => new(Of(html));
}
