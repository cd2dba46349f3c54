using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Account;

/// <summary>A session ended elsewhere (another tab, a stolen cookie signed out) takes an open page with it within a minute.</summary>
public class SessionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignedOutElsewhere_TheOpenBoardGoesToTheSignInPageWithinAMinute()
    {
        var page = await fixture.SignInAsync("producer");
        await page.GotoAsync($"/projects/{ReviewRoom.Web.Features.Demo.DemoProject.Id}");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync("Night Market");

        // The same session, signed out from a program holding a copy of the cookie.
        var cookies = await page.Context.CookiesAsync([fixture.BaseAddress.ToString()]);
        using var elsewhere = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.BaseAddress };
        elsewhere.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var signOut = await elsewhere.DeleteAsync("/api/session");
        Assert.True(signOut.IsSuccessStatusCode, $"sign-out answered {(int)signOut.StatusCode}");

        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"), new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("demo-people")).ToBeVisibleAsync();
    }
}
