using Microsoft.Playwright;
using ReviewRoom.TestHost;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Cluster;

/// <summary>The loopback cluster (<c>src/scripts/cluster.sh</c>) and two people whose browsers nginx keeps on different nodes.</summary>
public sealed class ClusterBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ScriptedCluster Cluster { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        Cluster = new ScriptedCluster();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A person signed in through nginx whose browser nginx keeps on <paramref name="node"/>, on a demo take.</summary>
    public async Task<IPage> OpenTakeOnNodeAsync(int node, string demoRole, string shotCode, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Cluster.Address.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var sticky = await Cluster.StickyCookieForAsync(node);
        await context.AddCookiesAsync([new Cookie { Name = sticky.Name, Value = sticky.Value, Url = Cluster.Address.ToString() }]);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error") Console.Error.WriteLine($"browser console {m.Type} (node {node}): {m.Text}"); };
        await page.GotoAsync("/account/signin");
        await page.GetByTestId($"demo-signin-{demoRole}").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("project-card").First.ClickAsync();
        await page.Locator($"[data-shot-code={shotCode}] [data-testid=take-card]").First.ClickAsync();
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        Cluster?.Dispose();
    }
}

public sealed class ClusterBrowserTests(ClusterBrowserFixture fixture) : IClassFixture<ClusterBrowserFixture>
{
    [Fact]
    public async Task NotesWrittenOnNodeOne_AppearLiveInABrowserOnNodeTwo_AndSurviveThatNodeDying()
    {
        var director = await fixture.OpenTakeOnNodeAsync(1, "director", "SH030");
        var writer = await fixture.OpenTakeOnNodeAsync(2, "writer", "SH030", new ViewportSize { Width = 390, Height = 844 });

        // Each sees the other in the room, though they are on different nodes.
        await Expect(writer.GetByTestId("presence")).ToContainTextAsync("Dana Reyes");
        await Expect(director.GetByTestId("presence")).ToContainTextAsync("Wes Okafor");

        var label = $"node one {Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 1; i <= 3; i++)
        {
            await director.Keyboard.PressAsync("ArrowRight");
            await director.Keyboard.PressAsync("n");
            await Expect(director.GetByTestId("composer")).ToBeFocusedAsync();
            await director.Keyboard.TypeAsync($"{label} #{i}");
            await director.GetByTestId("composer-send").ClickAsync();
            await Expect(director.GetByTestId("composer")).ToHaveValueAsync("");
            await director.Keyboard.PressAsync("Escape");
            await Expect(writer.GetByTestId("note-body").Filter(new() { HasText = $"{label} #{i}" })).ToHaveCountAsync(1);
        }

        // The writer's node dies. Their page comes back on the other node with every note, once.
        // The mark tells the page that reloaded apart from the one still showing what it had before the crash.
        await writer.EvaluateAsync("() => window.rrBeforeTheCrash = true");
        fixture.Cluster.KillNode(2);
        try
        {
            await writer.WaitForFunctionAsync("() => window.rrBeforeTheCrash === undefined", null, new() { Timeout = 60_000 });
            await Expect(writer.GetByTestId("presence")).ToContainTextAsync("Dana Reyes", new() { Timeout = 60_000 });
            await Expect(writer.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 60_000 });
            await Expect(writer.GetByTestId("note-body").Filter(new() { HasText = label })).ToHaveCountAsync(3);
            // A note written after the crash reaches the writer where they are now.
            await director.Keyboard.PressAsync("n");
            await Expect(director.GetByTestId("composer")).ToBeFocusedAsync();
            await director.Keyboard.TypeAsync($"{label} after the crash");
            await director.GetByTestId("composer-send").ClickAsync();
            await Expect(director.GetByTestId("composer")).ToHaveValueAsync("");
            await Expect(director.GetByTestId("note-body").Filter(new() { HasText = $"{label} after the crash" })).ToHaveCountAsync(1);
            await Expect(writer.GetByTestId("note-body").Filter(new() { HasText = $"{label} after the crash" })).ToHaveCountAsync(1);
        }
        finally
        {
            fixture.Cluster.StartNode(2);
        }
    }
}
