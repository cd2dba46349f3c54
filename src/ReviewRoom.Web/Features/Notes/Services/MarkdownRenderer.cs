using System.Net;
using Ganss.Xss;
using Markdig;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.Web.Features.Notes.Services;

/// <summary>
/// Note bodies to safe HTML: Markdig with raw HTML switched off, mention tokens turned into names,
/// then a sanitizer that keeps formatting and only http, https and mailto links.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .UseTaskLists()
        .UsePipeTables()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        _sanitizer = new HtmlSanitizer();
        // No remote images: loading one would tell its host who is reading the note.
        _sanitizer.AllowedTags.Remove("img");
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        _sanitizer.AllowedAttributes.Clear();
        _sanitizer.AllowedAttributes.UnionWith(["href", "title", "class", "data-user-id", "type", "checked", "disabled", "align"]);
        _sanitizer.AllowedClasses.Clear();
        _sanitizer.AllowedClasses.UnionWith(["rr-mention", "contains-task-list", "task-list-item", "task-list-item-checkbox"]);
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        _sanitizer.AllowedAttributes.UnionWith(["target", "rel"]);
    }

    /// <summary>Deeper quotes and lists than this are shown as text: no note needs them, and each level costs the renderer and the browser.</summary>
    public const int MaxNesting = 32;

    /// <summary>
    /// A note as safe HTML. Rendering can never fail a page: a note Markdig or the sanitizer cannot take
    /// (nesting bombs, pathological input) is shown as its plain text instead.
    /// </summary>
    public string ToHtml(string markdown, Func<Guid, string?> nameOf)
    {
        string Mention(Guid userId) => $"<span class=\"rr-mention\" data-user-id=\"{userId}\">@{WebUtility.HtmlEncode(nameOf(userId) ?? "someone")}</span>";
        try
        {
            if (NestingDepth(markdown) > MaxNesting)
                return PlainText(markdown, Mention);
            var html = Mentions.Replace(Markdown.ToHtml(markdown, Pipeline), Mention);
            return _sanitizer.Sanitize(html);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return PlainText(markdown, Mention);
        }
    }

    /// <summary>
    /// A note as one line of plain text, at most <paramref name="maxLength"/> characters, for places that show
    /// text only (activity, marker tooltips): "**smear**" reads as "smear".
    /// </summary>
    public static string Excerpt(string markdown, Func<Guid, string?> nameOf, int maxLength)
    {
        var line = string.Join(' ', ToPlainText(markdown, nameOf).Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > maxLength ? line[..maxLength] + "…" : line;
    }

    /// <summary>A note as plain text with its line breaks (mentions as "@Name"), for reports and spreadsheets.</summary>
    public static string ToPlainText(string markdown, Func<Guid, string?> nameOf)
    {
        var text = Mentions.Decode(markdown, nameOf);
        try
        {
            if (NestingDepth(text) <= MaxNesting)
                text = Markdown.ToPlainText(text, Pipeline);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The text as typed is still readable.
        }
        return text.Trim();
    }

    private static string PlainText(string markdown, Func<Guid, string> mention) =>
        "<p class=\"rr-plain\">" + Mentions.Replace(WebUtility.HtmlEncode(markdown), mention).Replace("\n", "<br>") + "</p>";

    /// <summary>The most block containers (quote markers, list markers) any line opens, counted without parsing.</summary>
    public static int NestingDepth(string markdown)
    {
        var deepest = 0;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            int depth = 0, i = 0;
            while (i < line.Length)
            {
                var c = line[i];
                if (c is ' ' or '\t')
                {
                    i++;
                    continue;
                }
                if (c == '>' || (c is '-' or '*' or '+' && EndsMarker(line, i + 1)))
                {
                    depth++;
                    i++;
                    continue;
                }
                var digits = i;
                while (digits < line.Length && char.IsAsciiDigit(line[digits]))
                    digits++;
                if (digits > i && digits < line.Length && line[digits] is '.' or ')' && EndsMarker(line, digits + 1))
                {
                    depth++;
                    i = digits + 1;
                    continue;
                }
                break;
            }
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
    }

    private static bool EndsMarker(ReadOnlySpan<char> line, int next) => next == line.Length || line[next] is ' ' or '\t';
}
