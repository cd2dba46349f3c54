using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Media;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Upload to playable: a 10 s 1080p ProRes file, which needs a proxy, against ffmpeg alone making the same proxy with the
/// same settings (the baseline, timed in the same run); and an H.264 file that needs none, from the end of its upload.
/// "Playable" is the take.ingested event reaching a member of the room: the take is on the board with its poster,
/// filmstrip and waveform.
/// </summary>
internal static class IngestTime
{
    private const int Repeats = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine($"ReviewRoom ingest benchmark: 10 s 1080p files, medians of {Repeats}");
        var folder = Directory.CreateTempSubdirectory("reviewroom-ingest-bench").FullName;
        try
        {
            var prores = await MakeAsync(folder, "take.mov", ["-c:v", "prores_ks", "-profile:v", "2", "-pix_fmt", "yuv422p10le", "-c:a", "pcm_s16le"]);
            var h264 = await MakeAsync(folder, "take.mp4", ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "12", "-c:a", "aac", "-movflags", "+faststart"]);

            using var app = new ReviewRoomAppFactory();
            var address = app.StartOnFreePort();
            await using var director = await LivePerson.SignInAsync(address, DemoPeople.All[0].Email, DemoPeople.Password);
            var shotId = await UploadMemory.FirstShotAsync(director);
            var room = director.CreateHubConnection();
            var ingested = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
            room.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), e =>
            {
                if (e.Type == RoomEventTypes.TakeIngested)
                    ingested[e.Payload.GetProperty("jobId").GetGuid()] = Stopwatch.GetTimestamp();
            });
            await room.StartAsync();
            await room.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);

            async Task<(double FromStart, double FromEnd)> UploadAsync(string file)
            {
                var started = Stopwatch.GetTimestamp();
                var job = await new TusClient(director.Http).UploadAsync(file, new Dictionary<string, string>
                {
                    ["filename"] = Path.GetFileName(file),
                    ["projectId"] = DemoProject.Id.ToString(),
                    ["shotId"] = shotId.ToString(),
                });
                var uploaded = Stopwatch.GetTimestamp();
                await Eventually.UntilAsync(() => ingested.ContainsKey(job), "the take.ingested event", TimeSpan.FromMinutes(5));
                return (Stopwatch.GetElapsedTime(started, ingested[job]).TotalMilliseconds, Stopwatch.GetElapsedTime(uploaded, ingested[job]).TotalMilliseconds);
            }

            // Warm-up: the JIT and ffmpeg's first start.
            await UploadAsync(h264);
            var tools = new FfmpegTools(Microsoft.Extensions.Options.Options.Create(new MediaOptions()));
            var probed = await tools.ProbeAsync(prores);
            var alone = new List<double>();
            var proxied = new List<double>();
            var direct = new List<double>();
            for (var i = 0; i < Repeats; i++)
            {
                alone.Add(await FfmpegAloneAsync(tools, prores, probed, Path.Combine(folder, $"alone-{i}.mp4")));
                proxied.Add((await UploadAsync(prores)).FromStart);
                direct.Add((await UploadAsync(h264)).FromEnd);
            }
            await room.DisposeAsync();

            Console.WriteLine();
            Console.WriteLine("| measure | ReviewRoom | baseline | ratio |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            Console.WriteLine(FormattableString.Invariant(
                $"| ProRes 1080p, upload start to playable (baseline: ffmpeg alone making the proxy) | {Statistics.Median(proxied):N0} ms | {Statistics.Median(alone):N0} ms | {Statistics.Median(proxied) / Statistics.Median(alone):0.00} |"));
            Console.WriteLine(FormattableString.Invariant($"| H.264 1080p that needs no proxy, upload end to playable | {Statistics.Median(direct):N0} ms | — | — |"));
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"Each run: ffmpeg alone {string.Join(", ", alone.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))} ms; ProRes {string.Join(", ", proxied.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))} ms; H.264 {string.Join(", ", direct.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))} ms."));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> MakeAsync(string folder, string name, string[] encoding)
    {
        var file = Path.Combine(folder, name);
        await RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=24", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "10", .. encoding, file]);
        return file;
    }

    /// <summary>The baseline: ffmpeg making the proxy from the same file with ReviewRoom's own proxy settings, nothing else.</summary>
    private static async Task<double> FfmpegAloneAsync(FfmpegTools tools, string file, ProbedMedia probed, string proxy)
    {
        var clock = Stopwatch.StartNew();
        await RunAsync("ffmpeg", ["-v", "error", "-y", .. tools.Input(file), "-map", "0:v:0", "-map", "0:a:0",
            "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1", .. MediaPipeline.ProxySettings(probed), proxy]);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task RunAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed: {errors}");
    }
}
