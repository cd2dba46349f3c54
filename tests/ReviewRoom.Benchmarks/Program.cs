using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ReviewRoom.Benchmarks;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Core.Notes;

if (args.Length > 0 && args[0] == "session")
    return await SessionSync.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "cluster")
    return await ClusterFanOut.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "page-cpu")
    return await PageCpu.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "ingest")
    return await IngestTime.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "circuits")
    return await Circuits.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "browser-child")
    return await Circuits.BrowserChild.RunAsync();

if (args.Length > 0 && args[0] == "pages")
    return await Pages.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "writers")
    return await Writers.RunAsync(args[1..]);

if (args.Length > 0 && args[0] == "backplane-node")
    return await BaselineNodes.RunNodeAsync(args[1..]);

if (args.Length > 0 && args[0] == "upload")
    return await UploadMemory.RunAsync((args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 2048) << 20);

// Note fan-out: how long until every member of a room has a note, against a bare SignalR group
// broadcast of the same payload over the same connections, measured in the same run.
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"ReviewRoom fan-out benchmark: {options.Clients} clients in {options.Rooms} rooms, {options.Notes} notes at {options.NotesPerSecond}/s");

using var app = new ReviewRoomAppFactory();
var baseAddress = app.StartOnFreePort();
var rooms = await FanOut.CreateRoomsAsync(app.Services, options.Rooms, "Bench room");
var slowest = BenchmarkOptions.Number(args, "--slowest", 0);
using var slowNotes = slowest > 0 ? new SlowNotes() : null;
var director = await LivePerson.SignInAsync(baseAddress, DemoPeople.All[0].Email, DemoPeople.Password);
var writer = await LivePerson.SignInAsync(baseAddress, DemoPeople.All[1].Email, DemoPeople.Password);

// A short warm-up run: it brings both code paths through JIT and captures a real note event,
// so the baseline broadcasts a payload of the same size.
var samplePayload = "";
var warmUp = options with { Clients = options.Rooms, NotesPerSecond = 10, Seconds = 1 };
await RunReviewRoomAsync(warmUp, rooms, director, writer, payload => samplePayload = payload, null);
await RunBaselineAsync(warmUp, () => samplePayload, null);

// Each run measures the baseline and ReviewRoom back to back, so each ratio compares the two under the same load on the
// machine; with --runs N the verdict is the median of those same-run ratios.
var runs = new List<(Summary Baseline, Summary ReviewRoom)>();
for (var run = 0; run < BenchmarkOptions.Number(args, "--runs", 1); run++)
    runs.Add((await RunBaselineAsync(options, () => samplePayload, Slowest($"run {run + 1}, the bare broadcast")),
        await RunReviewRoomAsync(options, rooms, director, writer, _ => { }, Slowest($"run {run + 1}, ReviewRoom"))));

Print(options, runs, samplePayload.Length);
return runs.All(r => r.ReviewRoom.LostDeliveries == 0 && r.ReviewRoom.OutOfOrder == 0) ? 0 : 1;

Action<LatencyRecorder>? Slowest(string run) => slowNotes is null ? null : recorder => slowNotes.Print(run, recorder.Delivered(), slowest);

static async Task<Summary> RunReviewRoomAsync(BenchmarkOptions options, List<(Guid ProjectId, Guid TakeId)> rooms, LivePerson director, LivePerson writer, Action<string> samplePayload, Action<LatencyRecorder>? report)
{
    var recorder = new LatencyRecorder();
    var receiversPerRoom = Enumerable.Range(0, options.Clients).GroupBy(i => i % rooms.Count).ToDictionary(g => g.Key, g => g.Count());
    var receivers = await FanOut.ConnectAsync(options.Clients, _ => writer.CreateHubConnection(), async (connection, i) =>
    {
        connection.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), e =>
        {
            if (e.Type != ReviewRoom.Core.Rooms.RoomEventTypes.NoteAdded)
                return;
            var body = e.Payload.GetProperty("body").GetString() ?? "";
            if (i == 0)
                samplePayload(JsonSerializer.Serialize(e));
            recorder.Received(body, i, e.Sequence);
        });
        await connection.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), rooms[i % rooms.Count].ProjectId, long.MaxValue);
    });
    var posters = await FanOut.ConnectAsync(rooms.Count, _ => director.CreateHubConnection(), (_, _) => Task.CompletedTask);

    // Ids double as idempotency keys, so each run needs its own.
    var run = Guid.NewGuid().ToString("n")[..8];
    await FanOut.SendOnScheduleAsync(options, async i =>
    {
        var room = i % rooms.Count;
        var id = $"bench-{run}-{i:000000}";
        recorder.Sent(id, receiversPerRoom[room]);
        await posters[room].InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(rooms[room].TakeId, i % 120, null, id, id));
        recorder.Acknowledged(id);
    });
    await FanOut.DrainAsync(recorder);
    report?.Invoke(recorder);
    await Task.WhenAll(receivers.Concat(posters).Select(c => c.DisposeAsync().AsTask()));
    return recorder.Summarise("ReviewRoom note (outbox + hub)");
}

static async Task<Summary> RunBaselineAsync(BenchmarkOptions options, Func<string> payload, Action<LatencyRecorder>? report)
{
    var port = FreePort();
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
    builder.Services.AddSignalR();
    await using var baselineApp = builder.Build();
    baselineApp.MapHub<BaselineHub>("/baseline");
    await baselineApp.StartAsync();
    var url = new Uri($"http://127.0.0.1:{port}/baseline");

    var recorder = new LatencyRecorder();
    var receiversPerRoom = Enumerable.Range(0, options.Clients).GroupBy(i => i % options.Rooms).ToDictionary(g => g.Key, g => g.Count());
    var receivers = await FanOut.ConnectAsync(options.Clients, _ => new HubConnectionBuilder().WithUrl(url).Build(), async (connection, i) =>
    {
        connection.On<string, long, string>("Message", (id, sequence, _) => recorder.Received(id, i, sequence));
        await connection.InvokeAsync(nameof(BaselineHub.Join), i % options.Rooms);
    });
    var posters = await FanOut.ConnectAsync(options.Rooms, _ => new HubConnectionBuilder().WithUrl(url).Build(), (_, _) => Task.CompletedTask);
    var body = payload();
    await FanOut.SendOnScheduleAsync(options, async i =>
    {
        var room = i % options.Rooms;
        var id = $"baseline-{i:000000}";
        recorder.Sent(id, receiversPerRoom[room]);
        await posters[room].InvokeAsync(nameof(BaselineHub.Broadcast), room, id, body);
        recorder.Acknowledged(id);
    });
    await FanOut.DrainAsync(recorder);
    report?.Invoke(recorder);
    await Task.WhenAll(receivers.Concat(posters).Select(c => c.DisposeAsync().AsTask()));
    await baselineApp.StopAsync();
    return recorder.Summarise("Bare SignalR group broadcast");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static void Print(BenchmarkOptions options, List<(Summary Baseline, Summary ReviewRoom)> runs, int payloadBytes)
{
    string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.0", CultureInfo.InvariantCulture);
    string Number(double value) => double.IsNaN(value) ? "—" : value.ToString("0.00", CultureInfo.InvariantCulture);
    double Ratio(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? double.NaN : a / b;
    Console.WriteLine();
    Console.WriteLine($"| run | notes | fully delivered | lost deliveries | out of order | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine($"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (run, at) in runs.Select((run, at) => (run, at + 1)))
        foreach (var s in new[] { run.Baseline, run.ReviewRoom })
            Console.WriteLine($"| {(runs.Count > 1 ? $"{at}: " : "")}{s.Name} | {s.Messages} | {s.FullyDelivered} | {s.LostDeliveries} | {s.OutOfOrder} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} |");
    Console.WriteLine();
    foreach (var (run, at) in runs.Select((run, at) => (run, at + 1)))
        Console.WriteLine($"ratio ReviewRoom / baseline{(runs.Count > 1 ? $", run {at}" : "")}: p50 {Number(Ratio(run.ReviewRoom.P50, run.Baseline.P50))}, p95 {Number(Ratio(run.ReviewRoom.P95, run.Baseline.P95))}, p99 {Number(Ratio(run.ReviewRoom.P99, run.Baseline.P99))}");
    if (runs.Count > 1)
        Console.WriteLine($"median of the {runs.Count} same-run ratios: p50 {Number(Statistics.Median(runs.Select(r => Ratio(r.ReviewRoom.P50, r.Baseline.P50))))}, p95 {Number(Statistics.Median(runs.Select(r => Ratio(r.ReviewRoom.P95, r.Baseline.P95))))}, p99 {Number(Statistics.Median(runs.Select(r => Ratio(r.ReviewRoom.P99, r.Baseline.P99))))}");
    Console.WriteLine($"{options.Clients} clients, {options.Rooms} rooms, {options.Notes} notes at {options.NotesPerSecond}/s, payload {payloadBytes} bytes; latency = until the last member of the room has the note");
}

/// <summary>The floor: a hub that only relays a message to a group, no database, no authorisation.</summary>
internal sealed class BaselineHub : Hub
{
    private static readonly long[] Sequences = new long[10_000];

    public Task Join(int room) => Groups.AddToGroupAsync(Context.ConnectionId, $"room-{room}");

    public Task Broadcast(int room, string id, string payload) =>
        Clients.Group($"room-{room}").SendAsync("Message", id, Interlocked.Increment(ref Sequences[room]), payload);
}

/// <summary>What both fan-out benchmarks do the same way: connect in batches, send on a schedule, wait for the stragglers.</summary>
internal static class FanOut
{
    /// <summary>Rooms of the benchmark's own: projects with the demo's people as members and one take each.</summary>
    public static async Task<List<(Guid ProjectId, Guid TakeId)>> CreateRoomsAsync(IServiceProvider services, int count, string name)
    {
        var writer = services.GetRequiredService<RoomWriter>();
        var commands = services.GetRequiredService<ProjectCommands>();
        var members = await services.GetRequiredService<NoteQueries>().GetMembersAsync(DemoProject.Id);
        var directorId = members.Single(m => m.Role == ProjectRole.Director).UserId;
        var rooms = new List<(Guid, Guid)>();
        for (var i = 0; i < count; i++)
        {
            var project = new Project($"{name} {i + 1}", "", DateTime.UtcNow);
            await writer.CreateProjectAsync(project, directorId);
            foreach (var member in members)
                await commands.AddMemberAsync(project.Id, directorId, member.UserId, member.Role, DateTime.UtcNow);
            var shot = await commands.AddShotAsync(project.Id, directorId, "SH010", "", "");
            var take = await commands.AddTakeAsync(project.Id, shot, directorId,
                new TakeMedia(DemoProject.MediaPathOf("sh010_v001"), null, ReviewRoom.Core.Time.FrameRate.Fps23_976, 120, 640, 360, true),
                new GenerationInfo { Model = "bench", Prompt = "bench" }, DateTime.UtcNow);
            rooms.Add((project.Id, take.Id));
        }
        return rooms;
    }

    private static int Retries;

    /// <summary>How many connections had to be opened again since the last call: a loaded server or proxy dropped them while they joined.</summary>
    public static int TakeRetries() => Interlocked.Exchange(ref Retries, 0);

    public static async Task<List<HubConnection>> ConnectAsync(int count, Func<int, HubConnection> create, Func<HubConnection, int, Task> prepare)
    {
        var connections = new HubConnection[count];
        // Connect in batches: a 2,000-connection stampede measures the accept queue, not the fan-out.
        for (var start = 0; start < count; start += 50)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(50, count - start)).Select(async i =>
            {
                // A loaded machine can drop a connection as it opens; a client tries again, and so does this one.
                for (var attempt = 1; ; attempt++)
                {
                    connections[i] = create(i);
                    try
                    {
                        await connections[i].StartAsync();
                        await prepare(connections[i], i);
                        return;
                    }
                    catch (Exception ex) when (attempt < 5 && ex is InvalidOperationException or HttpRequestException or IOException or TimeoutException
                        or System.Net.WebSockets.WebSocketException or OperationCanceledException or Microsoft.AspNetCore.SignalR.HubException)
                    {
                        if (Interlocked.Increment(ref Retries) <= 5)
                            Console.Error.WriteLine($"connection {i} tries again ({ex.GetType().Name}: {ex.Message})");
                        await connections[i].DisposeAsync();
                    }
                }
            }));
        }
        return [.. connections];
    }

    public static async Task SendOnScheduleAsync(BenchmarkOptions options, Func<int, Task> send)
    {
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; i < options.Notes; i++)
        {
            var due = TimeSpan.FromSeconds(i / options.NotesPerSecond);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            pending.Add(send(i));
        }
        await Task.WhenAll(pending);
    }

    public static async Task DrainAsync(LatencyRecorder recorder)
    {
        var deadline = Stopwatch.StartNew();
        while (!recorder.AllDelivered && deadline.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(50);
    }
}
