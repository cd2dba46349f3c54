using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ReviewRoom.Web.Features.Security;

/// <summary>
/// The proxies (nginx in front of several nodes) whose X-Forwarded-For and X-Forwarded-Proto are believed. Only these:
/// anyone else could claim any address and get a fresh sign-in budget with each claim. None by default.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>IP addresses of the proxies in front of this node, e.g. ["10.0.0.5"] or ["127.0.0.1"] for nginx on the same machine.</summary>
    public List<string> KnownProxies { get; set; } = [];
}

public static class ReverseProxy
{
    /// <summary>First in the pipeline, so rate limits, sign-in and the origin check see the person's address and scheme, not the proxy's.</summary>
    public static void UseKnownProxies(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>()?.KnownProxies ?? [];
        if (proxies.Count == 0)
            return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            if (!IPAddress.TryParse(proxy, out var address))
                throw new InvalidOperationException($"ReverseProxy:KnownProxies holds '{proxy}', which is not an IP address.");
            options.KnownProxies.Add(address);
        }
        app.UseForwardedHeaders(options);
    }
}
