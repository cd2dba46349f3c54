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
