using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ReviewRoom.Web.Components;

/// <summary>
/// The trail at the top of a page, in MudBlazor's breadcrumb classes but as the page's own markup: MudBreadcrumbs is
/// seven components (a cascading value, a link and a separator each) with render trees in every open page's circuit.
/// </summary>
public static class Breadcrumbs
{
    private const string Separator = "<li aria-hidden=\"true\" class=\"mud-breadcrumb-separator mud-ltr mud-flip-x-rtl\"><span>/</span></li>";

    /// <summary>
    /// The items in order; a disabled item (the page itself) is shown as the current page, not as a link. The trail is
    /// links only, so it is one piece of shared markup (the names in it are people's text, encoded here).
    /// </summary>
    public static RenderFragment Trail(IReadOnlyList<BreadcrumbItem> items) => builder => builder.AddMarkupContent(0, Markup(items));

    /// <summary>The trail as markup: the same string for every page that shows the same trail.</summary>
    public static string Markup(IReadOnlyList<BreadcrumbItem> items)
    {
        var html = new StringBuilder("<nav aria-label=\"Breadcrumb\"><ol class=\"mud-breadcrumbs mud-typography-body1 px-0 pt-0\">");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (i > 0)
                html.Append(Separator);
            html.Append(item.Disabled ? "<li class=\"mud-breadcrumb-item mud-disabled\">" : "<li class=\"mud-breadcrumb-item\">");
            if (item.Disabled || item.Href is null)
                html.Append("<a aria-current=\"page\">");
            else
                html.Append("<a href=\"").Append(HtmlEncoder.Default.Encode(item.Href)).Append("\">");
            html.Append(HtmlEncoder.Default.Encode(item.Text ?? "")).Append("</a></li>");
        }
        return SharedMarkup.Of(html.Append("</ol></nav>").ToString());
    }
}
