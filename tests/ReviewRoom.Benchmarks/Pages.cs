using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using ReviewRoom.Core.Notes;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Big pages against small ones in the same run: how long a take with many notes and a board with many shots take to
/// become usable, how soon and at what cost over the circuit another person's note shows on a big take, and what a frame
/// step costs the server there.
/// </summary>
internal static class Pages
{
    private const int Repeats = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var notes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        Console.WriteLine($"ReviewRoom pages benchmark: a take of 5 notes against one of {notes:N0}, the demo board against 40 shots × 6 takes; medians of {Repeats}");
        using var app = new ReviewRoomAppFactory();
        var address = app.StartOnFreePort();
        var rooms = await FanOut.CreateRoomsAsync(app.Services, 1, "Pages room");
        var (projectId, _) = rooms[0];
        var smallTake = await BigTakes.AddTakeAsync(app.Services, projectId, "SH020");
        await BigTakes.FillAsync(app.Services, smallTake, 5);
        var bigTake = await BigTakes.AddTakeAsync(app.Services, projectId, "SH030");
        await BigTakes.FillAsync(app.Services, bigTake, notes);
        var bigBoard = await BigBoardAsync(app.Services);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await BrowserPages.OpenSignedInAsync(browser, address, "producer");
        // Warm-up: each page once through the JIT.
        await TimeToInteractiveAsync(page, $"/takes/{smallTake}", "[data-testid=thread]");
        await TimeToInteractiveAsync(page, $"/projects/{bigBoard}", "[data-testid=take-card]");

        var rows = new List<(string Name, double Value, double Baseline, string Unit)>();
        var smallOpen = await MedianAsync(() => TimeToInteractiveAsync(page, $"/takes/{smallTake}", "[data-testid=thread]"));
        var bigOpen = await MedianAsync(() => TimeToInteractiveAsync(page, $"/takes/{bigTake}", "[data-testid=thread]"));
        rows.Add(($"take page of {notes:N0} notes, open until usable (baseline: 5 notes)", bigOpen, smallOpen, "ms"));
        var demoBoard = await MedianAsync(() => TimeToInteractiveAsync(page, $"/projects/{DemoProject.Id}", "[data-testid=take-card]"));
        var big = await MedianAsync(() => TimeToInteractiveAsync(page, $"/projects/{bigBoard}", "[data-testid=take-card]"));
        rows.Add(("board of 40 shots × 6 takes, open until usable (baseline: the demo board)", big, demoBoard, "ms"));

        await using var director = await LivePerson.SignInAsync(address, DemoPeople.All[0].Email, DemoPeople.Password);
        var poster = director.CreateHubConnection();
        await poster.StartAsync();
        var (smallSeen, smallBytes) = await MedianPairAsync(() => NoteArrivesAsync(page, poster, smallTake));
        var (bigSeen, bigBytes) = await MedianPairAsync(() => NoteArrivesAsync(page, poster, bigTake));
        rows.Add(($"another person's note shows on the {notes:N0}-note take (baseline: 5 notes)", bigSeen, smallSeen, "ms"));
        rows.Add(($"bytes to the {notes:N0}-note page for that note (baseline: 5 notes)", bigBytes, smallBytes, "bytes"));
        await poster.DisposeAsync();

        var smallIdle = await MedianAsync(() => IdleCpuAsync(page, smallTake));
        var bigIdle = await MedianAsync(() => IdleCpuAsync(page, bigTake));
        rows.Add(($"server CPU per second with the {notes:N0}-note take open and nothing happening (baseline: 5 notes)", bigIdle, smallIdle, "ms"));

        var smallStep = await MedianAsync(() => FrameStepCpuAsync(page, smallTake));
        var bigStep = await MedianAsync(() => FrameStepCpuAsync(page, bigTake));
        rows.Add(($"server CPU per frame step on the {notes:N0}-note take (baseline: 5 notes)", bigStep, smallStep, "ms"));

        Console.WriteLine();
        Console.WriteLine("| measure | ReviewRoom | baseline | ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, value, baseline, unit) in rows)
            Console.WriteLine(FormattableString.Invariant($"| {name} | {value:N1} {unit} | {baseline:N1} {unit} | {value / baseline:0.00} |"));
        Console.WriteLine();
        Console.WriteLine("Usable: the page is live (its circuit answers) and shows its first notes or take cards. CPU is the benchmark process's, which hosts the server; the browser's is not counted.");
        return 0;
    }

    private static async Task<double> MedianAsync(Func<Task<double>> measure)
    {
        var values = new List<double>();
        for (var i = 0; i < Repeats; i++)
            values.Add(await measure());
        return Statistics.Median(values);
    }

    private static async Task<(double, double)> MedianPairAsync(Func<Task<(double, double)>> measure)
    {
        var values = new List<(double A, double B)>();
        for (var i = 0; i < Repeats; i++)
            values.Add(await measure());
        return (Statistics.Median(values.Select(v => v.A)), Statistics.Median(values.Select(v => v.B)));
    }

    private static async Task<double> TimeToInteractiveAsync(IPage page, string path, string content)
    {
        await page.GotoAsync("about:blank");
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.Locator(content).First.WaitForAsync(new() { Timeout = 120_000 });
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>How long until a note posted by someone else shows in the page's list, and how many bytes its circuit received meanwhile and just after.</summary>
    private static async Task<(double Milliseconds, double Bytes)> NoteArrivesAsync(IPage page, HubConnection poster, Guid takeId)
    {
        await OpenAsync(page, takeId);
        long bytes = 0;
        var lastFrame = Stopwatch.StartNew();
        void Count(object? sender, IWebSocketFrame frame)
        {
            Interlocked.Add(ref bytes, frame.Binary?.Length ?? frame.Text?.Length ?? 0);
            lastFrame.Restart();
        }
        var sockets = new List<IWebSocket>();
        void Watch(object? sender, IWebSocket socket)
        {
            sockets.Add(socket);
            socket.FrameReceived += Count;
        }
        // The circuit's socket opened before this handler: reload so the page's one socket is watched from its start.
        page.WebSocket += Watch;
        await OpenAsync(page, takeId);
        await SettleAsync(lastFrame);
        Interlocked.Exchange(ref bytes, 0);
        var body = $"Live note {Guid.NewGuid():n}";
        var threads = int.Parse((await page.GetByTestId("notes-count").TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await poster.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 0, null, body, null));
        // The count of threads says the note is on the page wherever the list is scrolled (it may sort outside the view).
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("notes-count")).ToHaveTextAsync((threads + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        var seen = clock.Elapsed.TotalMilliseconds;
        await SettleAsync(lastFrame);
        page.WebSocket -= Watch;
        foreach (var socket in sockets)
            socket.FrameReceived -= Count;
        return (seen, Interlocked.Read(ref bytes));
    }

    // Until the socket has been quiet for half a second: the note's render batches and anything they set off have arrived.
    private static async Task SettleAsync(Stopwatch sinceLastFrame)
    {
        var limit = Stopwatch.StartNew();
        while (sinceLastFrame.Elapsed < TimeSpan.FromMilliseconds(500) && limit.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
    }

    /// <summary>Server CPU for one frame step with the keyboard, averaged over 40 steps.</summary>
    private static async Task<double> FrameStepCpuAsync(IPage page, Guid takeId)
    {
        await OpenAsync(page, takeId);
        await page.Locator("[data-testid=player][data-ready=true]").WaitForAsync(new() { Timeout = 60_000 });
        const int steps = 40;
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < steps; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Locator($"[data-testid=timeline] .rr-timeline-playhead[style*='left: {Percent(i + 1)}']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        }
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / steps;
    }

    /// <summary>
    /// How long the CPU of a still page is summed over. A measuring window, not a wait for something to happen: there is
    /// nothing to wait for, the figure is what the page burns while nothing does.
    /// </summary>
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    /// <summary>Server CPU per second with the page open and still: what a page costs just by being there.</summary>
    private static async Task<double> IdleCpuAsync(IPage page, Guid takeId)
    {
        await OpenAsync(page, takeId);
        await page.Locator("[data-testid=player][data-ready=true]").WaitForAsync(new() { Timeout = 60_000 });
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(IdleWindow);
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / IdleWindow.TotalSeconds;
    }

    private static string Percent(long frame) => FormattableString.Invariant($"{(frame + 0.5) * 100.0 / 120:0.###}%");

    private static async Task OpenAsync(IPage page, Guid takeId)
    {
        await page.GotoAsync("about:blank");
        await BrowserPages.OpenTakeAsync(page, takeId);
        await page.Locator("[data-testid=thread]").First.WaitForAsync(new() { Timeout = 120_000 });
    }

    private static async Task<Guid> BigBoardAsync(IServiceProvider services)
    {
        var rooms = await FanOut.CreateRoomsAsync(services, 1, "Big board");
        var projectId = rooms[0].ProjectId;
        for (var shot = 2; shot <= 40; shot++)
        {
            var first = await BigTakes.AddTakeAsync(services, projectId, $"SH{shot * 10:000}");
            for (var take = 2; take <= 6; take++)
                await BigTakes.AddTakeToShotOfAsync(services, first);
        }
        for (var take = 2; take <= 6; take++)
            await BigTakes.AddTakeToShotOfAsync(services, rooms[0].TakeId);
        return projectId;
    }
}
