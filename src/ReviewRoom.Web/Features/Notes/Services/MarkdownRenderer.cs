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

    public string ToHtml(string markdown, Func<Guid, string?> nameOf)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        html = Mentions.Replace(html, userId =>
            $"<span class=\"rr-mention\" data-user-id=\"{userId}\">@{WebUtility.HtmlEncode(nameOf(userId) ?? "someone")}</span>");
        return _sanitizer.Sanitize(html);
    }
}
