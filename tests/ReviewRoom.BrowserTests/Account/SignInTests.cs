using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Account;

public class SignInTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_WrongPassword_ShowsWhyAndKeepsTheEmail_ThenRightPasswordReturnsToTheAskedPage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/projects/{ReviewRoom.Web.Features.Demo.DemoProject.Id}");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin\\?ReturnUrl="));
        await Expect(page.GetByTestId("demo-people")).ToContainTextAsync("Producer");

        await page.Locator("#signin-email").FillAsync("producer@demo.reviewroom.local");
        await page.Locator("#signin-password").FillAsync("wrong-password");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("do not match");
        await Expect(page.Locator("#signin-email")).ToHaveValueAsync("producer@demo.reviewroom.local");

        await page.Locator("#signin-password").FillAsync(ReviewRoom.Web.Features.Demo.DemoPeople.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync("Night Market");
    }
}
