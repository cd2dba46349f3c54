using Microsoft.Playwright;
using ReviewRoom.TestHost;

namespace ReviewRoom.BrowserTests;

/// <summary>
/// The app on a real loopback port with its own database, and Debian's Chromium driven by Playwright.
/// Each test opens its own browser contexts, one per person.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this([])
    {
    }

    /// <summary>For a fixture whose app needs settings of its own (a loopback webhook receiver allowed, say).</summary>
    protected BrowserFixture(Dictionary<string, string> settings) => App = new ReviewRoomAppFactory(settings: settings);

    public ReviewRoomAppFactory App { get; }
    public Uri BaseAddress { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // CI shares two cores between the app, Chromium and the other test assemblies.
        Assertions.SetDefaultExpectTimeout(15_000);
        BaseAddress = App.StartOnFreePort();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Shown in the test log: the first thing to read when a browser test fails.
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Console.Error.WriteLine($"browser console {m.Type}: {m.Text}"); };
        page.Response += (_, r) => { if (r.Status >= 400) Console.Error.WriteLine($"browser http {r.Status} {r.Url}"); };
        return page;
    }

    /// <summary>A new person (browser context) signed in as the named demo role, on a live page.</summary>
    public async Task<IPage> SignInAsync(string demoRole, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync("/account/signin");
        await page.GetByTestId($"demo-signin-{demoRole}").ClickAsync();
        await WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>A person signed in, on the demo project's take <paramref name="index"/> of a shot, with the player ready.</summary>
    public async Task<IPage> OpenTakeAsync(string demoRole, string shotCode, int index)
    {
        var page = await SignInAsync(demoRole);
        await page.GetByTestId("project-card").First.ClickAsync();
        await page.Locator($"[data-shot-code={shotCode}] [data-testid=take-card]").Nth(index).ClickAsync();
        await Assertions.Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }

    /// <summary>
    /// Waits until the page's circuit is connected: a click that lands while a prerendered page is still
    /// becoming interactive can be lost or undone when the circuit arrives.
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        App.Dispose();
    }
}
