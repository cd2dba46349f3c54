using System.Net;
using System.Net.Http.Json;
using ReviewRoom.TestHost;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>
/// Behind nginx a node believes X-Forwarded-For only from the proxies it is told of (ReverseProxy:KnownProxies);
/// anyone else claiming an address would get a fresh sign-in budget with every claim.
/// </summary>
public sealed class ForwardedAddressTests
{
    [Theory]
    [InlineData("10.9.9.9", true)]
    [InlineData("127.0.0.1", false)]
    public async Task TheSignInBudgetPerAddress_BelievesAForwardedAddressOnlyFromAKnownProxy(string knownProxy, bool oneBudgetForAll)
    {
        using var app = new ReviewRoomAppFactory(settings: new()
        {
            ["RateLimits:SignInPerAddress"] = "3",
            ["ReverseProxy:KnownProxies:0"] = knownProxy,
        });
        using var http = new HttpClient { BaseAddress = app.StartOnFreePort() };

        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++)
        {
            using var attempt = new HttpRequestMessage(HttpMethod.Post, "/api/session")
            {
                Content = JsonContent.Create(new { email = $"guess{i}@example.com", password = "not the password" }),
            };
            // Each attempt claims to come from somewhere else.
            attempt.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            using var answer = await http.SendAsync(attempt);
            answers.Add(answer.StatusCode);
        }

        // From a stranger the claims are ignored: the three attempts the address may make, then refusals. From the
        // proxy on this machine each forwarded address is a person of its own with a budget of its own.
        HttpStatusCode[] expected = oneBudgetForAll
            ? [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]
            : [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized];
        Assert.Equal(expected, answers);
    }
}
