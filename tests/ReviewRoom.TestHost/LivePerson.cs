using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ReviewRoom.TestHost;

/// <summary>
/// A person signed in over real HTTP to an app on a real port, with a real hub connection:
/// what an external tool written against the documented hub API does.
/// </summary>
public sealed class LivePerson : IAsyncDisposable
{
    private LivePerson(HttpClient http, string cookieHeader, Uri baseAddress)
    {
        Http = http;
        CookieHeader = cookieHeader;
        BaseAddress = baseAddress;
    }

    public HttpClient Http { get; }
    public string CookieHeader { get; }
    public Uri BaseAddress { get; }

    public static Task<LivePerson> SignInAsync(Uri baseAddress, string email, string password) => SignInAsync(baseAddress, email, password, []);

    /// <summary>Signs in carrying <paramref name="cookies"/> from the start: a load balancer's stickiness cookie, say.</summary>
    public static async Task<LivePerson> SignInAsync(Uri baseAddress, string email, string password, IEnumerable<Cookie> cookies)
    {
        var jar = new CookieContainer();
        foreach (var cookie in cookies)
            jar.Add(baseAddress, cookie);
        return await SignInWithAsync(baseAddress, email, password, jar);
    }

    private static async Task<LivePerson> SignInWithAsync(Uri baseAddress, string email, string password, CookieContainer cookies)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        // The documented way for programs: JSON to /api/session, then the cookie on the hub connection.
        using var response = await http.PostAsJsonAsync("/api/session", new { email, password });
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return new LivePerson(http, cookies.GetCookieHeader(baseAddress), baseAddress);
    }

    /// <summary>A hub connection carrying this person's sign-in cookie; not started.</summary>
    public HubConnection CreateHubConnection() => CreateHubConnection(BaseAddress, CookieHeader);

    public static HubConnection CreateHubConnection(Uri baseAddress, string? cookieHeader) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/review"), options =>
            {
                if (cookieHeader is not null)
                    options.Headers["Cookie"] = cookieHeader;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
