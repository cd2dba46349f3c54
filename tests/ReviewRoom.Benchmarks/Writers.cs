using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Hub clients adding notes as fast as they are answered: what one note costs the server as a take fills up, with and
/// without a page showing it, and how far eight writers at once get. The baseline is one writer on an empty take.
/// </summary>
internal static class Writers
{
    private sealed record Run(string Name, int Notes, double Seconds, double P50, double P99, double CpuSeconds, int OutOfOrder)
    {
        public double PerSecond => Notes / Seconds;
        public double CpuMsPerNote => Notes == 0 ? double.NaN : CpuSeconds * 1000 / Notes;
    }

    /// <summary>One kind of run: where the writers write, how many, and whether a browser shows the full take meanwhile.</summary>
    private sealed record Setup(string Name, Func<Takes, Guid> Take, int Writers, bool PageOpen);

    private sealed record Takes(Guid Empty, Guid Full, Guid Quiet);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkOptions.Number(args, "--seconds", 10);
        var full = BenchmarkOptions.Number(args, "--notes", 10_000);
        var rounds = BenchmarkOptions.Number(args, "--rounds", 3);
        // For a profiler: only the runs whose name holds this text (and the baseline, which every ratio needs).
        var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        Console.WriteLine($"ReviewRoom writers benchmark: notes added through the hub as fast as answered, {seconds} s per run, {rounds} rounds, a full take holds {full:N0} notes");
        using var app = new ReviewRoomAppFactory();
        var address = app.StartOnFreePort();
        var rooms = await FanOut.CreateRoomsAsync(app.Services, 1, "Writers room");
        var (projectId, emptyTake) = rooms[0];
        var fullTake = await BigTakes.AddTakeAsync(app.Services, projectId, "SH020");
        await BigTakes.FillAsync(app.Services, fullTake, full);
        var takes = new Takes(emptyTake, fullTake, await BigTakes.AddTakeAsync(app.Services, projectId, "SH030"));
        var people = await Task.WhenAll(DemoPeople.All.Take(4).Select(p => LivePerson.SignInAsync(address, p.Email, DemoPeople.Password)));
        var setups = new Setup[]
        {
            new("1 writer, empty take (baseline)", t => t.Empty, 1, false),
            new($"1 writer, take of {full:N0} notes", t => t.Full, 1, false),
            new("8 writers, empty take", t => t.Quiet, 8, false),
            new($"1 writer, take of {full:N0} notes, a page open on it", t => t.Full, 1, true),
            new($"1 writer, another take, a page open on the {full:N0}", t => t.Quiet, 1, true),
            new("8 writers, empty take, a page open elsewhere", t => t.Empty, 8, true),
        }.Where((s, i) => i == 0 || only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();

        // Warm-up: both paths through the JIT, the caches filled, and the filling's garbage collected, so the first run
        // measured (the baseline) is not the one that pays for them.
        await WriteAsync("warm-up", people, takes.Quiet, projectId, writers: 2, TimeSpan.FromSeconds(5));
        await WriteAsync("warm-up", people, takes.Full, projectId, writers: 1, TimeSpan.FromSeconds(2));
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Rounds rather than one long run each: the machine's noise then falls on every setup alike, and each ratio is
        // taken against the baseline of its own round.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var results = setups.ToDictionary(s => s, _ => new List<Run>());
        for (var round = 1; round <= rounds; round++)
        {
            Console.WriteLine($"Round {round} of {rounds}");
            foreach (var setup in setups.Where(s => !s.PageOpen))
                results[setup].Add(await WriteAsync(setup.Name, people, setup.Take(takes), projectId, setup.Writers, TimeSpan.FromSeconds(seconds)));
            if (!setups.Any(s => s.PageOpen))
                continue;
            // A reviewer's browser showing the full take: its circuit hears every note of the project. It is opened
            // fresh each round and given a short write of its own first, so its opening is not measured as notes' cost.
            var page = await BrowserPages.OpenSignedInAsync(browser, address, "producer");
            await BrowserPages.OpenTakeAsync(page, takes.Full);
            await WriteAsync("warm-up", people, takes.Quiet, projectId, writers: 1, TimeSpan.FromSeconds(2));
            foreach (var setup in setups.Where(s => s.PageOpen))
                results[setup].Add(await WriteAsync(setup.Name, people, setup.Take(takes), projectId, setup.Writers, TimeSpan.FromSeconds(seconds)));
            await page.Context.CloseAsync();
        }

        var baseline = results[setups[0]];
        Console.WriteLine();
        Console.WriteLine($"Medians of {rounds} rounds; the last column is the median of each round's CPU per note over that round's baseline.");
        Console.WriteLine();
        Console.WriteLine("| run | notes/s | p50 ms | p99 ms | CPU ms per note | out of order | cost per note / baseline |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var setup in setups)
        {
            var runs = results[setup];
            var ratio = Statistics.Median(runs.Select((run, i) => run.CpuMsPerNote / baseline[i].CpuMsPerNote));
            Console.WriteLine(FormattableString.Invariant(
                $"| {setup.Name} | {Statistics.Median(runs.Select(r => r.PerSecond)):0} | {Statistics.Median(runs.Select(r => r.P50)):0.0} | {Statistics.Median(runs.Select(r => r.P99)):0.0} | {Statistics.Median(runs.Select(r => r.CpuMsPerNote)):0.00} | {runs.Sum(r => r.OutOfOrder)} | {ratio:0.00} |"));
        }
        Console.WriteLine();
        Console.WriteLine("CPU is the whole benchmark process's (the server with the hub clients and the listener), per note added; the browser's is not counted.");
        foreach (var person in people)
            await person.DisposeAsync();
        return results.Values.SelectMany(r => r).All(r => r.OutOfOrder == 0) ? 0 : 1;
    }

    private static async Task<Run> WriteAsync(string name, LivePerson[] people, Guid takeId, Guid projectId, int writers, TimeSpan length)
    {
        // A member listening to the room checks that events arrive in sequence order.
        var listener = people[1].CreateHubConnection();
        var last = 0L;
        var outOfOrder = 0;
        listener.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), e =>
        {
            if (e.Sequence <= last)
                outOfOrder++;
            last = e.Sequence;
        });
        await listener.StartAsync();
        var joined = await listener.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), projectId, long.MaxValue);
        last = joined.LastSequence;

        var connections = new List<HubConnection>();
        for (var i = 0; i < writers; i++)
        {
            var connection = people[(i % 4) == 1 ? 0 : i % 4].CreateHubConnection();
            await connection.StartAsync();
            connections.Add(connection);
        }
        var latencies = new List<double>[writers];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(connections.Select(async (connection, w) =>
        {
            var mine = latencies[w] = [];
            for (var i = 0; clock.Elapsed < length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await connection.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, i % 100, null, $"Writer {w} note {i}: the grade is *too warm* here", null));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        await listener.DisposeAsync();
        var all = latencies.SelectMany(l => l).Order().ToList();
        var run = new Run(name, all.Count, elapsed, Statistics.Percentile(all, 50), Statistics.Percentile(all, 99), cpu, outOfOrder);
        Console.WriteLine(FormattableString.Invariant($"{name}: {run.Notes:N0} notes, {run.PerSecond:0}/s, p50 {run.P50:0.0} ms, p99 {run.P99:0.0} ms, {run.CpuMsPerNote:0.00} CPU ms per note"));
        return run;
    }
}

/// <summary>Takes with many notes on them, written straight to the database: threads, ranges, mentions and Markdown, as a long review leaves them.</summary>
internal static class BigTakes
{
    /// <summary>A new shot with one take.</summary>
    public static async Task<Guid> AddTakeAsync(IServiceProvider services, Guid projectId, string shotCode)
    {
        var directorId = await DirectorOfAsync(services, projectId);
        var shot = await services.GetRequiredService<ReviewRoom.Web.Features.Projects.ProjectCommands>().AddShotAsync(projectId, directorId, shotCode, "", "");
        return await AddTakeToShotAsync(services, projectId, shot, directorId);
    }

    /// <summary>Another take of the shot <paramref name="takeId"/> belongs to.</summary>
    public static async Task<Guid> AddTakeToShotOfAsync(IServiceProvider services, Guid takeId)
    {
        var take = await services.GetRequiredService<ProjectQueries>().FindTakeAsync(takeId) ?? throw new InvalidOperationException("No such take.");
        var projectId = await services.GetRequiredService<ProjectQueries>().GetProjectIdOfShotAsync(take.ShotId) ?? throw new InvalidOperationException("No such shot.");
        return await AddTakeToShotAsync(services, projectId, take.ShotId, await DirectorOfAsync(services, projectId));
    }

    private static async Task<Guid> DirectorOfAsync(IServiceProvider services, Guid projectId) =>
        (await services.GetRequiredService<NoteQueries>().GetMembersAsync(projectId)).First(m => m.Role == ProjectRole.Director).UserId;

    private static async Task<Guid> AddTakeToShotAsync(IServiceProvider services, Guid projectId, Guid shotId, Guid directorId)
    {
        var take = await services.GetRequiredService<ReviewRoom.Web.Features.Projects.ProjectCommands>().AddTakeAsync(projectId, shotId, directorId,
            new TakeMedia(DemoProject.MediaPathOf("sh010_v001"), null, FrameRate.Fps23_976, 120, 640, 360, true),
            new GenerationInfo { Model = "bench", Prompt = "bench" }, DateTime.UtcNow);
        return take.Id;
    }

    public static async Task FillAsync(IServiceProvider services, Guid takeId, int count)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var take = await db.Takes.AsNoTracking().SingleAsync(t => t.Id == takeId);
        var projectId = await db.Shots.Where(s => s.Id == take.ShotId).Select(s => s.ProjectId).SingleAsync();
        var members = await services.GetRequiredService<NoteQueries>().GetMembersAsync(projectId);
        var writers = members.Where(m => m.Role != ProjectRole.Viewer).ToList();
        var start = DateTime.UtcNow.AddDays(-3);
        Note? thread = null;
        for (var i = 0; i < count; i++)
        {
            var author = writers[i % writers.Count];
            var mentioned = members[(i / 7) % members.Count];
            var typed = i % 7 == 3
                ? $"@{mentioned.DisplayName} can you look at the **edge** here? Note {i}"
                : $"Note {i}: the grade is *too warm* on the left; see [the reference](https://example.com/ref/{i}).";
            var (body, mentions) = Mentions.Encode(typed, members.Select(m => new Mentionable(m.UserId, m.DisplayName)));
            var at = start.AddSeconds(i * 10);
            Note note;
            if (i % 4 == 3 && thread is not null)
            {
                note = thread.Reply(author.UserId, author.Role, body, mentions, at);
            }
            else
            {
                var frameIn = (i * 37) % Math.Max(1, take.DurationFrames);
                var frames = i % 5 == 0 ? new FrameRange(frameIn, Math.Min(take.DurationFrames - 1, frameIn + 12)) : FrameRange.At(frameIn);
                note = Note.Start(projectId, take, author.UserId, author.Role, frames, body, mentions, at);
                thread = note;
            }
            db.Notes.Add(note);
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                thread = null;
            }
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>Headless Chromium pages signed in as a demo person, as the browser tests open them.</summary>
internal static class BrowserPages
{
    public static async Task<IPage> OpenSignedInAsync(IBrowser browser, Uri address, string who)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByTestId($"demo-signin-{who}").ClickAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    public static async Task OpenTakeAsync(IPage page, Guid takeId)
    {
        await page.GotoAsync($"/takes/{takeId}");
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.GetByTestId("notes-panel").WaitForAsync(new() { Timeout = 120_000 });
    }
}
