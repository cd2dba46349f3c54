using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Layout;

/// <summary>What surrounds every page: the notice when the live connection drops, and the API reference.</summary>
public class AppShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task LosingTheConnection_ShowsAThemedNoticeInWords_AndItGoesAwayWhenTheConnectionIsBack()
    {
        // The page's live connection runs through a switch the test controls: down, the server is unreachable.
        var page = await fixture.NewPageAsync();
        var down = false;
        IWebSocketRoute? live = null;
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), socket =>
        {
            if (down)
            {
                _ = socket.CloseAsync(new() { Code = 4000, Reason = "unreachable" });
                return;
            }
            socket.ConnectToServer();
            live = socket;
        });
        await page.GotoAsync("/account/signin");
        await page.GetByTestId("demo-signin-writer").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var notice = page.GetByTestId("reconnect");
        await Expect(notice).Not.ToBeVisibleAsync();

        down = true;
        await live!.CloseAsync(new() { Code = 4000, Reason = "network dropped" });
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Reconnecting to ReviewRoom");
        await Expect(notice).ToContainTextAsync("What you typed stays in its box");
        await Expect(page.GetByTestId("reconnect-detail")).ToContainTextAsync("attempt");
        var background = await notice.EvaluateAsync<string>("n => getComputedStyle(n).backgroundColor");
        Assert.NotEqual("rgb(255, 255, 255)", background);

        down = false;
        await Expect(notice).Not.ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
    }

    [Fact]
    public async Task TheDarkTheme_ComesOnceWithTheDocument_AndHoldsAfterMovingBetweenPages()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/signin");
        Assert.Equal("rgba(18,19,22,1)", await ThemeColourAsync(page, "--mud-palette-background"));

        await page.GetByTestId("demo-signin-writer").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        // Moving inside the app redraws the page, not the document: the theme's style stays, and only one of it.
        await page.Locator("a[href^='/projects/']").First.ClickAsync();
        await Expect(page.GetByTestId("take-card").First).ToBeVisibleAsync();
        Assert.Equal("rgba(245,165,36,1)", await ThemeColourAsync(page, "--mud-palette-primary"));
        Assert.Equal(1, await page.Locator("style.mud-theme-provider").CountAsync());
        Assert.Equal("rgb(18, 19, 22)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
    }

    private static Task<string> ThemeColourAsync(IPage page, string variable) =>
        page.EvaluateAsync<string>("name => getComputedStyle(document.documentElement).getPropertyValue(name).trim()", variable);

    [Fact]
    public async Task ApiReference_LoadsNothingFromElsewhere_IsDark_AndLeadsBackToTheApp()
    {
        var page = await fixture.NewPageAsync();
        var elsewhere = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                elsewhere.Add(request.Url);
        };
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await page.GotoAsync("/api/docs");
        await Expect(page.GetByText("ReviewRoom pipeline API").First).ToBeVisibleAsync();
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.scalar-app, body')).backgroundColor");
        await page.GetByText("Back to ReviewRoom").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        Assert.Empty(elsewhere);
        Assert.Empty(errors);
        Assert.NotEqual("rgb(255, 255, 255)", background);
    }
}
