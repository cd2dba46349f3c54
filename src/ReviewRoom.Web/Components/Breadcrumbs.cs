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

    /// <summary>The items in order; a disabled item (the page itself) is shown as the current page, not as a link.</summary>
    public static RenderFragment Trail(IReadOnlyList<BreadcrumbItem> items) => builder =>
    {
        builder.OpenElement(0, "nav");
        builder.AddAttribute(1, "aria-label", "Breadcrumb");
        builder.OpenElement(2, "ol");
        builder.AddAttribute(3, "class", "mud-breadcrumbs mud-typography-body1 px-0 pt-0");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (i > 0)
                builder.AddMarkupContent(4, Separator);
            builder.OpenElement(5, "li");
            builder.AddAttribute(6, "class", item.Disabled ? "mud-breadcrumb-item mud-disabled" : "mud-breadcrumb-item");
            builder.OpenElement(7, "a");
            if (item.Disabled || item.Href is null)
                builder.AddAttribute(8, "aria-current", "page");
            else
                builder.AddAttribute(9, "href", item.Href);
            builder.AddContent(10, item.Text);
            builder.CloseElement();
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
    };
}
