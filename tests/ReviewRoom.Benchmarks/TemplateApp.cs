using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace ReviewRoom.Benchmarks.Template;

// The stock Blazor Web App template with server interactivity (`dotnet new blazor --interactivity Server`), its App,
// Routes and Counter written out as the Razor compiler would make them: the baseline a circuit is measured against.
// Plain C#, so this program carries no components of its own for the static web assets build to collect.

/// <summary>The template's App.razor.</summary>
public sealed class TemplateApp : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>\n");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "en");
        builder.OpenElement(3, "head");
        builder.AddMarkupContent(4, "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"><base href=\"/\">");
        builder.OpenComponent<HeadOutlet>(5);
        builder.AddComponentRenderMode(RenderMode.InteractiveServer);
        builder.CloseComponent();
        builder.CloseElement();
        builder.OpenElement(6, "body");
        builder.OpenComponent<TemplateRoutes>(7);
        builder.AddComponentRenderMode(RenderMode.InteractiveServer);
        builder.CloseComponent();
        builder.AddMarkupContent(8, "<script src=\"_framework/blazor.web.js\"></script>");
        builder.CloseElement();
        builder.CloseElement();
    }
}

/// <summary>The template's Routes.razor.</summary>
public sealed class TemplateRoutes : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<Router>(0);
        builder.AddComponentParameter(1, nameof(Router.AppAssembly), typeof(TemplateRoutes).Assembly);
        builder.AddComponentParameter(2, nameof(Router.Found), (RenderFragment<Microsoft.AspNetCore.Components.RouteData>)(routeData => inner =>
        {
            inner.OpenComponent<RouteView>(0);
            inner.AddComponentParameter(1, nameof(RouteView.RouteData), routeData);
            inner.CloseComponent();
            inner.OpenComponent<FocusOnNavigate>(2);
            inner.AddComponentParameter(3, nameof(FocusOnNavigate.RouteData), routeData);
            inner.AddComponentParameter(4, nameof(FocusOnNavigate.Selector), "h1");
            inner.CloseComponent();
        }));
        builder.CloseComponent();
    }
}

/// <summary>The template's Counter.razor, with the live marker the benchmark waits for.</summary>
[Route("/counter")]
public sealed class TemplateCounter : ComponentBase
{
    private int _currentCount;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<PageTitle>(0);
        builder.AddComponentParameter(1, nameof(PageTitle.ChildContent), (RenderFragment)(title => title.AddContent(0, "Counter")));
        builder.CloseComponent();
        builder.AddMarkupContent(2, "<h1>Counter</h1>");
        builder.OpenElement(3, "p");
        builder.AddAttribute(4, "role", "status");
        builder.AddAttribute(5, "data-interactive", RendererInfo.IsInteractive ? "true" : "false");
        builder.AddContent(6, "Current count: ");
        builder.AddContent(7, _currentCount);
        builder.CloseElement();
        builder.OpenElement(8, "button");
        builder.AddAttribute(9, "class", "btn btn-primary");
        builder.AddAttribute(10, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => _currentCount++));
        builder.AddContent(11, "Click me");
        builder.CloseElement();
    }
}
