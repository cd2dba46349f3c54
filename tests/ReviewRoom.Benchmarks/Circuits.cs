using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Playwright;
using ReviewRoom.Benchmarks.Template;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// What each open page costs the server: N live pages of a kind, the server's resident memory and managed heap (after a
/// full collection) before and after, per page. The baseline is the stock Blazor template's /counter, served from this
/// same process. Then a leak check: pages opened and closed, and the heap is compared with where it started.
/// The browser runs in a child process of its own, so its driver's objects are not counted in the heap.
/// </summary>
internal static class Circuits
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = BenchmarkOptions.Number(args, "--pages", 40);
        var dumps = Array.IndexOf(args, "--gcdump") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var churn = BenchmarkOptions.Number(args, "--leak-pages", 200);
        var kinds = Array.IndexOf(args, "--kinds") is var k and >= 0 && k + 1 < args.Length ? args[k + 1].Split(',') : ["take", "board"];
        Console.WriteLine($"ReviewRoom circuits benchmark: {count} pages of each kind; the leak check opens and closes {churn}");
        using var app = new ReviewRoomAppFactory();
        var address = app.StartOnFreePort();
        var rooms = await FanOut.CreateRoomsAsync(app.Services, 1, "Circuits room");
        var take = await BigTakes.AddTakeAsync(app.Services, rooms[0].ProjectId, "SH020");
        await BigTakes.FillAsync(app.Services, take, 5);
        await using var template = await TemplateServer.StartAsync();
        await using var browser = await BrowserChild.StartAsync();
        await browser.SendAsync($"signin {address} producer");

        // Warm-up: each kind of page once, so the JIT and first-use caches are not counted against the first kind measured.
        foreach (var url in new[] { $"{template.Address}counter", $"{address}takes/{take}", $"{address}projects/{DemoProject.Id}" })
        {
            await browser.SendAsync($"open {url} 2");
            await browser.SendAsync("close");
        }

        var rows = new List<(string Name, Footprint PerPage)>
        {
            ("template /counter (baseline)", await PerPageAsync(browser, $"{template.Address}counter", count, Dump(dumps, "template"))),
        };
        if (kinds.Contains("take"))
            rows.Add(("take page (5 notes)", await PerPageAsync(browser, $"{address}takes/{take}", count, Dump(dumps, "take"))));
        if (kinds.Contains("board"))
            rows.Add(("board (demo project)", await PerPageAsync(browser, $"{address}projects/{DemoProject.Id}", count, Dump(dumps, "board"))));
        var baseline = rows[0].PerPage;
        Console.WriteLine();
        Console.WriteLine("| page | RSS per page | GC committed per page | managed heap per page | RSS / template | heap / template |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, perPage) in rows)
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {perPage.Rss / 1024.0:N0} KB | {perPage.Committed / 1024.0:N0} KB | {perPage.Heap / 1024.0:N0} KB | {perPage.Rss / baseline.Rss:0.00} | {perPage.Heap / baseline.Heap:0.00} |"));

        // Leak check: what closed pages held must go with them.
        if (churn == 0)
            return 0;
        var start = Footprint.Measure();
        for (var opened = 0; opened < churn; opened += 20)
        {
            await browser.SendAsync($"open {address}takes/{take} {Math.Min(20, churn - opened)}");
            await browser.SendAsync("close");
        }
        var end = await SettledAsync(start);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"Leak check: {churn} take pages opened and closed; managed heap {start.Heap / 1048576.0:N1} MB before, {end.Heap / 1048576.0:N1} MB after ({(end.Heap - start.Heap) * 100.0 / start.Heap:+0.0;-0.0}%)."));
        return 0;
    }

    /// <summary>With --gcdump DIR: a heap dump of this process while the pages are open (dotnet-gcdump must be on the PATH).</summary>
    private static string? Dump(string? folder, string name) => folder is null ? null : Path.Combine(folder, $"{name}.gcdump");

    private static async Task<Footprint> PerPageAsync(BrowserChild browser, string url, int count, string? dumpTo)
    {
        var before = Footprint.Measure();
        await browser.SendAsync($"open {url} {count}");
        var open = Footprint.Measure();
        if (dumpTo is not null)
        {
            using var dump = Process.Start("dotnet-gcdump", ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", dumpTo]);
            await dump.WaitForExitAsync();
        }
        await browser.SendAsync("close");
        var closed = await SettledAsync(before);
        var perPage = new Footprint((open.Rss - before.Rss) / (double)count, (open.Heap - before.Heap) / (double)count, (open.Committed - before.Committed) / (double)count);
        Console.WriteLine(FormattableString.Invariant(
            $"{url}: {count} pages, RSS +{(open.Rss - before.Rss) / 1048576.0:N1} MB (GC committed +{(open.Committed - before.Committed) / 1048576.0:N1} MB), heap +{(open.Heap - before.Heap) / 1048576.0:N2} MB; after closing, heap {(closed.Heap - before.Heap) / 1048576.0:+0.00;-0.00} MB"));
        return perPage;
    }

    /// <summary>Closed circuits are disposed as their sockets go; waits (up to 30 s) until the heap is back near where it was.</summary>
    private static async Task<Footprint> SettledAsync(Footprint start)
    {
        var limit = Stopwatch.StartNew();
        var now = Footprint.Measure();
        while (now.Heap > start.Heap * 1.05 && limit.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250);
            now = Footprint.Measure();
        }
        return now;
    }

    internal readonly record struct Footprint(double Rss, double Heap, double Committed)
    {
        public static Footprint Measure()
        {
            for (var i = 0; i < 3; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            using var self = Process.GetCurrentProcess();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            return new Footprint(self.WorkingSet64, heap, GC.GetGCMemoryInfo().TotalCommittedBytes);
        }
    }

    /// <summary>
    /// Headless Chromium driven from a child process (this program with <c>browser-child</c>): it signs in, opens N pages
    /// of an address and waits until each is live, and closes them, one command per line; "ok" when done.
    /// </summary>
    internal sealed class BrowserChild : IAsyncDisposable
    {
        private readonly Process _process;

        private BrowserChild(Process process) => _process = process;

        public static Task<BrowserChild> StartAsync()
        {
            var start = new ProcessStartInfo("dotnet", [typeof(Circuits).Assembly.Location, "browser-child"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            return Task.FromResult(new BrowserChild(Process.Start(start)!));
        }

        public async Task SendAsync(string command)
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            var answer = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(10));
            if (answer != "ok")
                throw new InvalidOperationException($"The browser could not '{command}': {answer ?? "it exited"}");
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }

        /// <summary>The child's side.</summary>
        public static async Task<int> RunAsync()
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync();
            var pages = new List<IPage>();
            while (Console.ReadLine() is { } line && line != "quit")
            {
                var words = line.Split(' ');
                try
                {
                    switch (words[0])
                    {
                        case "signin":
                            await context.CloseAsync();
                            context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = words[1] });
                            var signIn = await context.NewPageAsync();
                            await signIn.GotoAsync("/account/signin");
                            await signIn.GetByTestId($"demo-signin-{words[2]}").ClickAsync();
                            await signIn.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                            await signIn.CloseAsync();
                            break;
                        case "open":
                            for (var i = 0; i < int.Parse(words[2], CultureInfo.InvariantCulture); i++)
                            {
                                var page = await context.NewPageAsync();
                                await page.GotoAsync(words[1]);
                                await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                                pages.Add(page);
                            }
                            break;
                        case "close":
                            foreach (var page in pages)
                                await page.CloseAsync(new() { RunBeforeUnload = true });
                            pages.Clear();
                            break;
                        default:
                            throw new InvalidOperationException($"Unknown command '{words[0]}'.");
                    }
                    Console.WriteLine("ok");
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException or InvalidOperationException)
                {
                    Console.WriteLine(ex.Message.ReplaceLineEndings(" "));
                }
            }
            return 0;
        }
    }

    /// <summary>The stock template's app, served on a free port from this process.</summary>
    internal sealed class TemplateServer(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public static async Task<TemplateServer> StartAsync()
        {
            var port = ReviewRoomAppFactory.FreePort();
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(Circuits).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            // Run from the build output, not published: the framework's script is found through the build's asset manifest.
            builder.WebHost.UseStaticWebAssets();
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();
            var app = builder.Build();
            app.UseAntiforgery();
            app.MapStaticAssets();
            app.MapRazorComponents<TemplateApp>().AddInteractiveServerRenderMode();
            await app.StartAsync();
            return new TemplateServer(app, new Uri($"http://127.0.0.1:{port}/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
