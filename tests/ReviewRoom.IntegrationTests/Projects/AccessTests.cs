using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Projects;

public class AccessTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private ReviewRoomAppFactory App => fixture.App;

    [Theory]
    [InlineData("/")]
    [InlineData("/projects/5e1f0a3c-7d0b-4c1e-9a51-0d3e6b8f2a10")]
    public async Task ProtectedPage_Anonymous_IsSentToSignInWithReturnUrl(string path)
    {
        using var client = App.CreateBrowserlikeClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/account/signin", location);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location);
    }

    [Fact]
    public async Task Media_Anonymous_IsRefused()
    {
        using var client = App.CreateBrowserlikeClient();
        var takeId = await fixture.FirstTakeIdAsync();

        using var response = await client.GetAsync($"/media/takes/{takeId}/video");

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"got {response.StatusCode}");
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndKeepsTheEmail()
    {
        using var client = App.CreateBrowserlikeClient();
        using var response = await ReviewRoomAppFactory.PostSignInFormAsync(client, DemoPeople.All[0].Email, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("do not match an account", page);
        Assert.Contains($"value=\"{DemoPeople.All[0].Email}\"", page);
    }

    [Fact]
    public async Task SignIn_DemoDirector_SeesTheDemoProjectBoard()
    {
        using var client = await App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);

        var board = await client.GetStringAsync($"/projects/{DemoProject.Id}");

        Assert.Contains(DemoProject.Name, board);
        Assert.Contains("SH010", board);
        Assert.Contains("data-testid=\"take-card\"", board);
    }

    [Fact]
    public async Task ProjectPage_SignedInNonMember_GetsNotFoundStateWithoutProjectDetails()
    {
        using var client = await fixture.CreateOutsiderClientAsync();

        var page = await client.GetStringAsync($"/projects/{DemoProject.Id}");

        Assert.Contains("Project not found", page);
        Assert.DoesNotContain("SH010", page);
    }

    [Fact]
    public async Task Media_SignedInNonMember_Gets404()
    {
        using var client = await fixture.CreateOutsiderClientAsync();
        var takeId = await fixture.FirstTakeIdAsync();

        using var response = await client.GetAsync($"/media/takes/{takeId}/video");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public class SetupTests
{
    [Fact]
    public async Task SignIn_FreshInstallWithoutDemo_SendsTheFirstVisitorToSetup()
    {
        using var app = new ReviewRoomAppFactory(demo: false);
        using var client = app.CreateBrowserlikeClient();

        using var response = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AccountSetup.SetupPath, new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Setup_OnceAnAccountExists_IsClosed()
    {
        using var app = new ReviewRoomAppFactory(demo: false);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("Ada", "ada@studio.test", "long-enough-password", admin: true);
        using var client = app.CreateBrowserlikeClient();

        using var response = await client.GetAsync(AccountSetup.SetupPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AccountSetup.SignInPath, new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }
}
