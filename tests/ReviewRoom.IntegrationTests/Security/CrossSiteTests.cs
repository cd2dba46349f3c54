using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>A page on another origin cannot act with a signed-in person's cookie, and programs get status codes, never sign-in pages.</summary>
public sealed class CrossSiteTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Evil = "https://evil.studio.test";

    [Theory]
    [InlineData("Origin", Evil)]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost.evil.test")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task CookieRequestFromAnotherSite_CannotCreateAShot(string header, string value)
    {
        using var director = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{DemoProject.Id}/shots")
        {
            Content = JsonContent.Create(new { code = "SH666" }),
        };
        request.Headers.Add(header, value);

        using var response = await director.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var shots = await director.GetStringAsync($"/api/v1/projects/{DemoProject.Id}/shots");
        Assert.DoesNotContain("SH666", shots);
    }

    [Fact]
    public async Task CookieRequestFromReviewRoomsOwnPage_IsAccepted()
    {
        using var director = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{DemoProject.Id}/shots")
        {
            Content = JsonContent.Create(new { code = "SH777" }),
        };
        request.Headers.Add("Origin", director.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await director.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SignOutFromAnotherSite_IsRefused()
    {
        using var director = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        request.Headers.Add("Origin", Evil);

        using var response = await director.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task HubConnectionFromAnotherOrigin_IsRefused()
    {
        using var director = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/review/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", Evil);

        using var refused = await director.SendAsync(request);
        using var own = await director.PostAsync("/hubs/review/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/hubs/review/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/api/v1/projects")]
    [InlineData("GET", "/api/v1/takes/00000000-0000-0000-0000-000000000001/notes")]
    public async Task AnonymousProgramRequest_Gets401ProblemDetails_NotASignInPage(string method, string path)
    {
        using var anonymous = fixture.App.CreateBrowserlikeClient();

        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Bearer rr_not-a-real-token", "not known here")]
    [InlineData("Bearer nonsense", "not a ReviewRoom API token")]
    public async Task BadToken_Gets401SayingWhy(string authorization, string reason)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/v1/projects", HttpStatusCode.MethodNotAllowed)]
    public async Task ApiErrors_AreProblemDetails_NeverPages(string method, string path, HttpStatusCode status)
    {
        using var client = await fixture.ClientWithTokenAsync(ReviewRoom.Core.Integrations.ApiTokenScope.Read);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/")]
    [InlineData("/health")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        using var client = fixture.App.CreateBrowserlikeClient();

        using var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
