using Microsoft.Extensions.Options;

namespace ReviewRoom.Web.Features.Security;

/// <summary>
/// Refuses cross-site requests that would act with a person's sign-in cookie: any state-changing
/// request, and the opening of hub and circuit connections. Browsers name the page that made a request
/// (Origin, and Sec-Fetch-Site); programs that send neither hold no ambient cookie to abuse.
/// Bearer-token requests carry their credential explicitly and are not checked.
/// </summary>
internal sealed class RequestOriginCheck(RequestDelegate next, IOptionsMonitor<SecurityOptions> options)
{
    private static readonly string[] ConnectionPaths = [Rooms.ReviewHub.Path, "/_blazor"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (NeedsCheck(context.Request) && RefusalFor(context.Request) is { } reason)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool NeedsCheck(HttpRequest request)
    {
        if (!request.Headers.ContainsKey("Cookie"))
            return false;
        var safeMethod = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method);
        return !safeMethod || ConnectionPaths.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));
    }

    private string? RefusalFor(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return IsAllowed(origin, request)
                ? null
                : $"This request came from a page at '{Truncate(origin)}', which may not act for people signed in to ReviewRoom here. "
                  + "An operator can allow that origin with the setting Security:AllowedOrigins.";
        // No Origin: a browser that still says where the request came from.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site"
            ? "This request came from another site, which may not act for people signed in to ReviewRoom here."
            : null;
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
            return true;
        return options.CurrentValue.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static string Truncate(string text) => text.Length > 100 ? text[..100] + "…" : text;
}
