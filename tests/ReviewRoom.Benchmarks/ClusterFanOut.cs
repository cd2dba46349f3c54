using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Note fan-out on the loopback cluster (src/scripts/cluster.sh: two nodes behind nginx, PostgreSQL, Redis), hub clients
/// split evenly between the nodes, with Blazor circuits open on take pages of the same rooms. The baseline, in the same
/// run: a bare SignalR hub with the Redis backplane as two processes of its own behind an nginx configured the same
/// way, over the same number of connections split the same way.
/// </summary>
internal static class ClusterFanOut
{
    private const int Rooms = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var clientCounts = Option(args, "--clients", "500,1000,2000,4000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var circuits = int.Parse(Option(args, "--circuits", "100"), CultureInfo.InvariantCulture);
        var rate = double.Parse(Option(args, "--rate", "20"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds", "15"), CultureInfo.InvariantCulture);
        var repeat = int.Parse(Option(args, "--repeat", "1"), CultureInfo.InvariantCulture);
        var chart = Option(args, "--chart", Repository.PathTo("docs", "images", "cluster-fanout.svg"));
        // The pages stand for reviewers at machines of their own. Sharing this one, their browser would otherwise take
        // CPU from the nodes in ReviewRoom's runs only (it draws each note; in the baseline's runs it has nothing to do).
        var browserPriority = Option(args, "--browser-priority", "lowest");
        if (browserPriority is not ("lowest" or "normal"))
        {
            Console.Error.WriteLine("--browser-priority is 'lowest' (the default) or 'normal'.");
            return 2;
        }
        Console.WriteLine($"ReviewRoom cluster fan-out: 2 nodes behind nginx; {string.Join(", ", clientCounts)} hub clients in {Rooms} rooms; {circuits} circuits (their browser at {browserPriority} CPU priority); {rate} notes/s for {seconds} s");

        using var cluster = new ScriptedCluster();
        var rooms = await CreateRoomsAsync(cluster);
        Console.WriteLine($"cluster up at {cluster.Address}, {rooms.Count} rooms made");

        using var baselineNodes = new BaselineNodes(cluster.RedisConfiguration);
        var baselineFront = cluster.StartProxy("baseline", baselineNodes.Ports);
        Console.WriteLine($"baseline up at {baselineFront}");

        var nodesOfReviewRoom = new[] { cluster.AddressOfNode(1), cluster.AddressOfNode(2) };
        var writers = new List<LivePerson>();
        foreach (var node in new[] { 1, 2 })
            writers.Add(await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[1].Email, DemoPeople.Password, [await cluster.StickyCookieForAsync(node)]));
        var director = await LivePerson.SignInAsync(cluster.Address, DemoPeople.All[0].Email, DemoPeople.Password, [await cluster.StickyCookieForAsync(1)]);
        var baselineCookies = new List<string>();
        foreach (var node in baselineNodes.Addresses)
        {
            var sticky = await ScriptedCluster.StickyCookieAsync(baselineFront, node);
            baselineCookies.Add($"{sticky.Name}={sticky.Value}");
        }

        await using var pages = await CircuitPages.OpenAsync(cluster, rooms, circuits, browserPriority == "lowest");
        Console.WriteLine($"{pages.Count} take pages open");

        var options = new BenchmarkOptions(0, Rooms, rate, seconds);
        // Warm both paths up (JIT, connection pools, Redis subscriptions) before anything is measured.
        var warmUp = options with { Clients = Rooms * 10, Seconds = 5 };
        await RunReviewRoomAsync(warmUp, cluster, rooms, writers, director);
        await RunBaselineAsync(warmUp, baselineFront, baselineCookies);

        var rows = new List<Row>();
        foreach (var clients in clientCounts)
        {
            var run = options with { Clients = clients };
            var reviewRoomRuns = new List<Summary>();
            var baselineRuns = new List<Summary>();
            NodeUsage.Reading? reviewRoomUsage = null, baselineUsage = null;
            async Task ReviewRoomAsync()
            {
                var nodes = new NodeUsage([cluster.ProcessOfNode(1), cluster.ProcessOfNode(2)]);
                reviewRoomRuns.Add(await RunReviewRoomAsync(run, cluster, rooms, writers, director));
                reviewRoomUsage = nodes.Read();
                Console.WriteLine($"  ReviewRoom: {Stages(reviewRoomRuns[^1])}");
            }
            async Task BaselineAsync()
            {
                var nodes = new NodeUsage(baselineNodes.ProcessIds);
                baselineRuns.Add(await RunBaselineAsync(run, baselineFront, baselineCookies));
                baselineUsage = nodes.Read();
                Console.WriteLine($"  baseline: {Stages(baselineRuns[^1])}");
            }
            // Repeated runs take turns going first, so neither side always meets a machine still busy with the other.
            for (var r = 0; r < repeat; r++)
            {
                if (r % 2 == 0)
                {
                    await ReviewRoomAsync();
                    await BaselineAsync();
                }
                else
                {
                    await BaselineAsync();
                    await ReviewRoomAsync();
                }
            }
            rows.Add(new Row(clients, Summary.MedianOf(baselineRuns), Summary.MedianOf(reviewRoomRuns), baselineUsage!, reviewRoomUsage!));
            PrintRow(rows[^1]);
        }

        Print(rows, options, circuits, pages.Count, repeat);
        foreach (var problem in cluster.NodeProblems().Take(40))
            Console.WriteLine(problem);
        Directory.CreateDirectory(Path.GetDirectoryName(chart)!);
        await File.WriteAllTextAsync(chart, Chart(rows));
        Console.WriteLine($"chart written to {chart}");
        foreach (var person in writers.Append(director))
            await person.DisposeAsync();
        return rows.All(r => r.ReviewRoom.LostDeliveries == 0 && r.ReviewRoom.OutOfOrder == 0) ? 0 : 1;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>Rooms of their own (projects with the demo's people), made through a node of the cluster's own code on its database.</summary>
    private static async Task<List<(Guid ProjectId, Guid TakeId)>> CreateRoomsAsync(ScriptedCluster cluster)
    {
        var folder = ReviewRoomAppFactory.NewDataFolder();
        using var maker = new ReviewRoomAppFactory(folder, settings: new()
        {
            ["Database:Provider"] = ReviewRoom.Data.DatabaseProviders.PostgreSql,
            ["Database:ConnectionString"] = cluster.DatabaseConnectionString,
            ["Redis:Configuration"] = cluster.RedisConfiguration,
            ["Demo:Enabled"] = "false",
        });
        var rooms = await FanOut.CreateRoomsAsync(maker.Services, Rooms, "Fan-out room");
        ReviewRoomAppFactory.DeleteFolder(folder);
        return rooms;
    }

    private static async Task<Summary> RunReviewRoomAsync(BenchmarkOptions options, ScriptedCluster cluster, List<(Guid ProjectId, Guid TakeId)> rooms, List<LivePerson> writers, LivePerson director)
    {
        var recorder = new LatencyRecorder();
        var receiversPerRoom = Enumerable.Range(0, options.Clients).GroupBy(i => i % Rooms).ToDictionary(g => g.Key, g => g.Count());
        // Client i is on node i % 2, in room i % Rooms: every room has people on both nodes.
        var receivers = await FanOut.ConnectAsync(options.Clients, i => writers[i % 2].CreateHubConnection(), async (connection, i) =>
        {
            connection.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), e =>
            {
                if (e.Type == ReviewRoom.Core.Rooms.RoomEventTypes.NoteAdded)
                    recorder.Received(e.Payload.GetProperty("body").GetString() ?? "", i, e.Sequence);
            });
            await connection.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), rooms[i % Rooms].ProjectId, long.MaxValue);
        });
        var posters = await FanOut.ConnectAsync(Rooms, _ => director.CreateHubConnection(), (_, _) => Task.CompletedTask);
        Console.WriteLine($"  ReviewRoom: {options.Clients} clients in their rooms, sending notes");
        var run = Guid.NewGuid().ToString("n")[..8];
        await FanOut.SendOnScheduleAsync(options, async i =>
        {
            var room = i % Rooms;
            var id = $"bench-{run}-{i:000000}";
            recorder.Sent(id, receiversPerRoom.GetValueOrDefault(room));
            await SendCountingFailuresAsync(async () =>
            {
                await posters[room].InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(rooms[room].TakeId, i % 120, null, id, id));
                recorder.Acknowledged(id);
            });
        });
        await FanOut.DrainAsync(recorder);
        await Task.WhenAll(receivers.Concat(posters).Select(c => c.DisposeAsync().AsTask()));
        return recorder.Summarise("ReviewRoom, 2 nodes behind nginx") with { Reopened = FanOut.TakeRetries() };
    }

    private static async Task<Summary> RunBaselineAsync(BenchmarkOptions options, Uri front, List<string> cookies)
    {
        var url = new Uri(front, "/baseline");
        HubConnection Connect(int node) => new HubConnectionBuilder().WithUrl(url, o => o.Headers["Cookie"] = cookies[node]).Build();
        var recorder = new LatencyRecorder();
        var receiversPerRoom = Enumerable.Range(0, options.Clients).GroupBy(i => i % Rooms).ToDictionary(g => g.Key, g => g.Count());
        var receivers = await FanOut.ConnectAsync(options.Clients, i => Connect(i % 2), async (connection, i) =>
        {
            connection.On<string, long, string>("Message", (id, sequence, _) => recorder.Received(id, i, sequence));
            await connection.InvokeAsync(nameof(BackplaneHub.Join), i % Rooms);
        });
        var posters = await FanOut.ConnectAsync(Rooms, _ => Connect(0), (_, _) => Task.CompletedTask);
        Console.WriteLine($"  baseline: {options.Clients} clients in their rooms, sending messages");
        var body = new string('x', 900);
        var run = Guid.NewGuid().ToString("n")[..8];
        await FanOut.SendOnScheduleAsync(options, async i =>
        {
            var room = i % Rooms;
            var id = $"baseline-{run}-{i:000000}";
            recorder.Sent(id, receiversPerRoom.GetValueOrDefault(room));
            await SendCountingFailuresAsync(async () =>
            {
                await posters[room].InvokeAsync(nameof(BackplaneHub.Broadcast), room, id, body);
                recorder.Acknowledged(id);
            });
        });
        await FanOut.DrainAsync(recorder);
        await Task.WhenAll(receivers.Concat(posters).Select(c => c.DisposeAsync().AsTask()));
        return recorder.Summarise("Bare SignalR + Redis backplane, 2 nodes behind nginx") with { Reopened = FanOut.TakeRetries() };
    }

    /// <summary>A send that fails (its connection dropped under load) is a note nobody receives: the run counts it as lost rather than stopping.</summary>
    private static async Task SendCountingFailuresAsync(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is InvalidOperationException or HubException or IOException or TaskCanceledException)
        {
            Console.Error.WriteLine($"a send failed: {ex.Message}");
        }
    }

    private sealed record Row(int Clients, Summary Baseline, Summary ReviewRoom, NodeUsage.Reading BaselineNodes, NodeUsage.Reading ReviewRoomNodes);

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? "—" : (a / b).ToString("0.00", CultureInfo.InvariantCulture);

    private static void PrintRow(Row r) =>
        Console.WriteLine($"{r.Clients} clients: ReviewRoom p50 {Ms(r.ReviewRoom.P50)} p99 {Ms(r.ReviewRoom.P99)} ms, baseline p50 {Ms(r.Baseline.P50)} p99 {Ms(r.Baseline.P99)} ms, lost {r.ReviewRoom.LostDeliveries}, out of order {r.ReviewRoom.OutOfOrder}");

    /// <summary>p50/p99 of each stage of a message's way: the sender answered, the room's first member, its last.</summary>
    private static string Stages(Summary s) =>
        $"answered {Ms(s.AcknowledgedP50)}/{Ms(s.AcknowledgedP99)}, first member {Ms(s.FirstP50)}/{Ms(s.FirstP99)}, last member {Ms(s.P50)}/{Ms(s.P99)} ms (p50/p99)";

    private static void Print(List<Row> rows, BenchmarkOptions options, int circuits, int pagesOpen, int repeat)
    {
        Console.WriteLine();
        Console.WriteLine("| clients | run | notes | lost | out of order | reopened | p50 ms | p99 ms | max ms | p50 / baseline | p99 / baseline | CPU per node (s) | memory per node (MB) |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Clients} | {r.Baseline.Name} | {r.Baseline.Messages} | {r.Baseline.LostDeliveries} | {r.Baseline.OutOfOrder} | {r.Baseline.Reopened} | {Ms(r.Baseline.P50)} | {Ms(r.Baseline.P99)} | {Ms(r.Baseline.Max)} | 1.00 | 1.00 | {r.BaselineNodes.Cpu} | {r.BaselineNodes.Memory} |");
            Console.WriteLine($"| {r.Clients} | {r.ReviewRoom.Name} | {r.ReviewRoom.Messages} | {r.ReviewRoom.LostDeliveries} | {r.ReviewRoom.OutOfOrder} | {r.ReviewRoom.Reopened} | {Ms(r.ReviewRoom.P50)} | {Ms(r.ReviewRoom.P99)} | {Ms(r.ReviewRoom.Max)} | {Ratio(r.ReviewRoom.P50, r.Baseline.P50)} | {Ratio(r.ReviewRoom.P99, r.Baseline.P99)} | {r.ReviewRoomNodes.Cpu} | {r.ReviewRoomNodes.Memory} |");
        }
        Console.WriteLine();
        Console.WriteLine($"{Rooms} rooms, {options.NotesPerSecond} notes/s for {options.Seconds} s per run, {pagesOpen} of {circuits} Blazor circuits open on the rooms' take pages; latency = until the last member of the room has the note");
        if (repeat > 1)
            Console.WriteLine($"Each row: {repeat} runs of each side taking turns; p50, p95 and p99 are the medians of the runs', max the highest, notes, lost, out of order and reopened the totals; CPU and memory are from each side's last run.");
    }

    /// <summary>p50 and p99 against clients for both, as an SVG the docs show.</summary>
    private static string Chart(List<Row> rows)
    {
        const int width = 720, height = 400, left = 70, right = 220, top = 30, bottom = 60;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        var series = new (string Name, string Colour, string Dash, Func<Row, double> Value)[]
        {
            ("ReviewRoom p99", "#c0392b", "", r => r.ReviewRoom.P99),
            ("ReviewRoom p50", "#c0392b", "6 4", r => r.ReviewRoom.P50),
            ("Bare backplane p99", "#2c3e50", "", r => r.Baseline.P99),
            ("Bare backplane p50", "#2c3e50", "6 4", r => r.Baseline.P50),
        };
        var highest = rows.SelectMany(r => series.Select(s => s.Value(r))).Where(v => !double.IsNaN(v)).DefaultIfEmpty(1).Max();
        var scale = NiceCeiling(highest);
        double X(int index) => left + (rows.Count == 1 ? plotWidth / 2.0 : index * plotWidth / (double)(rows.Count - 1));
        double Y(double ms) => top + plotHeight - ms / scale * plotHeight;
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"18\" font-size=\"14\">Note fan-out, 2 nodes behind nginx: latency until the whole room has it</text>\n");
        for (var tick = 0; tick <= 4; tick++)
        {
            var ms = scale * tick / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{F(Y(ms))}\" y2=\"{F(Y(ms))}\" stroke=\"#ddd\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{F(Y(ms) + 4)}\" text-anchor=\"end\">{F(ms)} ms</text>\n");
        }
        for (var i = 0; i < rows.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{top + plotHeight + 20}\" text-anchor=\"middle\">{rows[i].Clients:N0}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth / 2}\" y=\"{height - 18}\" text-anchor=\"middle\">hub clients (half on each node)</text>\n");
        for (var s = 0; s < series.Length; s++)
        {
            var (name, colour, dash, value) = series[s];
            var points = string.Join(' ', rows.Select((r, i) => (r, i)).Where(p => !double.IsNaN(value(p.r))).Select(p => $"{F(X(p.i))},{F(Y(value(p.r)))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>\n");
            foreach (var (r, i) in rows.Select((r, i) => (r, i)).Where(p => !double.IsNaN(value(p.r))))
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(value(r)))}\" r=\"3\" fill=\"{colour}\"/>\n");
            var legendY = top + 10 + s * 22;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{width - right + 20}\" x2=\"{width - right + 50}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 56}\" y=\"{legendY + 4}\">{name}</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value)
                return step * magnitude;
        }
        return 10 * magnitude;
    }
}

/// <summary>CPU seconds and resident memory of the nodes' processes over one run, read from /proc.</summary>
internal sealed class NodeUsage(IReadOnlyList<int> processIds)
{
    private readonly double[] _cpuAtStart = processIds.Select(CpuSeconds).ToArray();

    public sealed record Reading(string Cpu, string Memory);

    public Reading Read()
    {
        var cpu = processIds.Select((pid, i) => (CpuSeconds(pid) - _cpuAtStart[i]).ToString("0.0", CultureInfo.InvariantCulture));
        var memory = processIds.Select(pid => (ResidentBytes(pid) / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        return new Reading(string.Join(" / ", cpu), string.Join(" / ", memory));
    }

    private static double CpuSeconds(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name) are user and system time in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long ResidentBytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();
}

/// <summary>The baseline's two nodes: this program again (<c>backplane-node</c>), each a bare hub on the cluster's Redis.</summary>
internal sealed class BaselineNodes : IDisposable
{
    private readonly List<Process> _processes = [];

    public BaselineNodes(string redis)
    {
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var port = ReviewRoomAppFactory.FreePort();
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
                start.ArgumentList.Add(typeof(BaselineNodes).Assembly.Location);
            foreach (var argument in new[] { "backplane-node", port.ToString(CultureInfo.InvariantCulture), redis })
                start.ArgumentList.Add(argument);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == ReadyLine)
                    ready.TrySetResult();
            };
            process.ErrorDataReceived += (_, _) => { };
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("A baseline node exited before it was listening."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _processes.Add(process);
            Ports.Add(port);
            if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
                throw new InvalidOperationException($"The baseline node on port {port} did not start listening within 30 s.");
        }
    }

    /// <summary>What a baseline node prints once it listens.</summary>
    private const string ReadyLine = "baseline node listening";

    public List<int> Ports { get; } = [];

    public IEnumerable<Uri> Addresses => Ports.Select(p => new Uri($"http://127.0.0.1:{p}"));

    public IReadOnlyList<int> ProcessIds => _processes.Select(p => p.Id).ToList();

    /// <summary>The baseline node itself: a hub that only relays to a group, through the Redis backplane, and a /health naming it.</summary>
    public static async Task<int> RunNodeAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSignalR().AddStackExchangeRedis(args[1], o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("baseline"));
        var app = builder.Build();
        var name = $"baseline-{Environment.ProcessId}";
        app.MapGet("/health", () => Results.Json(new { status = "Healthy", node = name }));
        app.MapHub<BackplaneHub>("/baseline");
        await app.StartAsync();
        Console.WriteLine(ReadyLine);
        await app.WaitForShutdownAsync();
        return 0;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}

/// <summary>The floor for the cluster: a group relay and nothing else, fanned out between nodes by the Redis backplane.</summary>
internal sealed class BackplaneHub : Hub
{
    private static readonly long[] Sequences = new long[10_000];

    public Task Join(int room) => Groups.AddToGroupAsync(Context.ConnectionId, $"room-{room}");

    // Each room's messages come from one poster on one node, so a per-process counter numbers them in order.
    public Task Broadcast(int room, string id, string payload) =>
        Clients.Group($"room-{room}").SendAsync("Message", id, Interlocked.Increment(ref Sequences[room]), payload);
}

/// <summary>Blazor circuits on the rooms' take pages, half on each node, open for the whole benchmark.</summary>
internal sealed class CircuitPages : IAsyncDisposable
{
    private readonly IPlaywright? _playwright;
    private readonly IBrowser? _browser;

    private CircuitPages(IPlaywright? playwright, IBrowser? browser, int count)
    {
        _playwright = playwright;
        _browser = browser;
        Count = count;
    }

    public int Count { get; }

    public static async Task<CircuitPages> OpenAsync(ScriptedCluster cluster, List<(Guid ProjectId, Guid TakeId)> rooms, int count, bool lowestPriority)
    {
        if (count == 0)
            return new CircuitPages(null, null, 0);
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright, lowestPriority);
        var opened = 0;
        foreach (var node in new[] { 1, 2 })
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = cluster.Address.ToString() });
            context.SetDefaultTimeout(60_000);
            var sticky = await cluster.StickyCookieForAsync(node);
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = sticky.Name, Value = sticky.Value, Url = cluster.Address.ToString() }]);
            var first = await context.NewPageAsync();
            await first.GotoAsync("/account/signin");
            await first.GetByTestId("demo-signin-producer").ClickAsync();
            await first.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await first.CloseAsync();
            for (var i = node - 1; i < count; i += 2)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync($"/takes/{rooms[i % rooms.Count].TakeId}");
                await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                opened++;
            }
        }
        return new CircuitPages(playwright, browser, opened);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
