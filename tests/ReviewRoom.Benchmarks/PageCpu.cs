using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using ReviewRoom.Core.Notes;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.Benchmarks;

/// <summary>What open take pages cost the browser showing them: renderer CPU while idle and while notes arrive.</summary>
internal static class PageCpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = 10;
        if (args.Length > 0 && (!int.TryParse(args[0], CultureInfo.InvariantCulture, out count) || count is < 1 or > 200))
        {
            Console.Error.WriteLine("page-cpu takes the number of pages to open, 1 to 200.");
            return 2;
        }
        using var app = new ReviewRoomAppFactory();
        var address = app.StartOnFreePort();
        var rooms = await FanOut.CreateRoomsAsync(app.Services, 1, "Page CPU room");
        using var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        var first = await context.NewPageAsync();
        await first.GotoAsync("/account/signin");
        await first.GetByTestId("demo-signin-producer").ClickAsync();
        await first.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await first.CloseAsync();
        // The baseline: the same number of circuits on the projects list, a page with nothing that moves.
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            pages.Add(page);
        }
        var listIdle = await RendererSecondsOverAsync(() => Task.CompletedTask);
        Console.WriteLine($"ReviewRoom/baseline: {count} projects-list pages, idle 20 s: renderers {listIdle:0.00} CPU s ({Share(listIdle, count)} of a core per page)");
        foreach (var page in pages)
        {
            await page.GotoAsync($"/takes/{rooms[0].TakeId}");
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        var idle = await RendererSecondsOverAsync(() => Task.CompletedTask);
        Console.WriteLine($"{count} take pages, idle 20 s: renderers {idle:0.00} CPU s ({Share(idle, count)} of a core per page), {Ratio(idle, listIdle)} the projects list");

        await using var director = await LivePerson.SignInAsync(address, DemoPeople.All[0].Email, DemoPeople.Password);
        var poster = director.CreateHubConnection();
        await poster.StartAsync();
        var n = 0;
        var busy = await RendererSecondsOverAsync(async () =>
        {
            await poster.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(rooms[0].TakeId, n % 100, null, $"note {n}", null));
            n++;
        });
        Console.WriteLine($"{count} take pages, one note a second for 20 s: renderers {busy:0.00} CPU s ({Share(busy, count)} of a core per page), {Ratio(busy, listIdle)} the idle projects list");
        await poster.DisposeAsync();
        await browser.CloseAsync();
        return 0;
    }

    private static string Share(double seconds, int pages) => (seconds / Window.TotalSeconds / pages).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Ratio(double value, double baseline) => baseline <= 0 ? "—" : (value / baseline).ToString("0.0x", CultureInfo.InvariantCulture);

    /// <summary>How long each reading lasts; notes, when there are any, arrive once a second through it.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    private static async Task<double> RendererSecondsOverAsync(Func<Task> eachSecond)
    {
        var before = RendererSeconds();
        // A fixed cadence, not a pause after each send: a slow send does not stretch the window or thin the notes.
        using var cadence = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var second = 0; second < Window.TotalSeconds; second++)
        {
            await eachSecond();
            await cadence.WaitForNextTickAsync();
        }
        return RendererSeconds() - before;
    }

    private static double RendererSeconds()
    {
        var ticks = 0L;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmd.Contains("chromium", StringComparison.Ordinal) || !cmd.Contains("--type=renderer", StringComparison.Ordinal))
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return ticks / 100.0;
    }
}
