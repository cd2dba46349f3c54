using ReviewRoom.Web.Features.Notes.Services;

namespace ReviewRoom.UnitTests.Web.Notes;

public class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static string Render(string markdown) => Renderer.ToHtml(markdown, _ => "Dana Reyes");

    [Fact]
    public void ToHtml_Formatting_IsKept()
    {
        var html = Render("**bold** _it_ `code`\n\n- one\n- two");

        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<em>it</em>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<li>one</li>", html);
    }

    [Fact]
    public void ToHtml_Links_OpenSafelyInANewTab()
    {
        var html = Render("[ref](https://example.com/look) <mailto:dana@studio.test>");

        Assert.Contains("href=\"https://example.com/look\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
        Assert.Contains("href=\"mailto:dana@studio.test\"", html);
    }

    [Fact]
    public void ToHtml_MentionToken_ShowsTheCurrentName()
    {
        var html = Render($"ask @{{{Guid.NewGuid()}}}");

        Assert.Contains("<span class=\"rr-mention\"", html);
        Assert.Contains("@Dana Reyes</span>", html);
    }

    // A corpus of the usual ways in: every one must come out inert.
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("[x](https://ok.test\" onmouseover=\"alert(1))")]
    [InlineData("`<script>alert(1)</script>`")]
    [InlineData("<<script>script>alert(1)<</script>/script>")]
    public void ToHtml_Attack_RendersInert(string markdown)
    {
        // Escaped text is harmless; what matters is which elements and attributes a browser would build.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{Render(markdown)}</body>");
        var elements = document.Body!.QuerySelectorAll("*");

        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "svg" or "object" or "embed" or "img" or "style" or "details");
        foreach (var element in elements)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                    Assert.Matches("^(https?:|mailto:)", attribute.Value.Trim().ToLowerInvariant());
            }
        }
    }

    [Theory]
    [InlineData(10_000, '>')]
    [InlineData(5_000, '-')]
    [InlineData(200, '>')]
    public void ToHtml_NestingBomb_IsShownAsPlainTextInsteadOfFailing(int depth, char marker)
    {
        var bomb = string.Join(marker == '>' ? "" : " ", Enumerable.Repeat(marker.ToString(), depth)) + " deep <script>alert(1)</script>";

        var html = Render(bomb);

        Assert.StartsWith("<p class=\"rr-plain\">", html);
        Assert.Contains("deep &lt;script&gt;", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void ToHtml_ManyNestedListsAndEmphasis_RendersWithinTheLimit()
    {
        var nested = string.Join("\n", Enumerable.Range(0, 10).Select(i => new string(' ', i * 2) + "- level " + i));

        var html = Render(nested + "\n\n" + string.Concat(Enumerable.Repeat("*a **b ", 2000)));

        Assert.Contains("<li>level 9</li>", html.Replace("\n", ""));
    }

    [Theory]
    [InlineData("---------------------------------------------------------")]
    [InlineData("> > > quoted three times")]
    public void ToHtml_LongRulesAndFewQuotes_AreStillMarkdown(string markdown)
    {
        Assert.DoesNotContain("rr-plain", Render(markdown));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("![t](https://tracker.example/pixel.gif)")]
    [InlineData("<a href=\"https://x\" onclick=\"alert(1)\">x</a>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("<iframe src=https://evil.example></iframe>")]
    [InlineData("`<script>`\n\n<style>body{display:none}</style>")]
    public void ToHtml_ScriptInAnyDisguise_NeverReachesThePage(string markdown)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + Render(markdown) + "</body>");
        var elements = document.Body!.QuerySelectorAll("*");

        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "img" or "iframe" or "style" or "svg" or "object" or "embed");
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(elements, e => e.GetAttribute("href") is { } href && !href.StartsWith("https:") && !href.StartsWith("http:") && !href.StartsWith("mailto:"));
    }
}
