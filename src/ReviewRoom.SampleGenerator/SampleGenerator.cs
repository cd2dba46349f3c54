using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ReviewRoom.SampleGenerator;

public sealed class SampleGeneratorOptions
{
    public const string Section = "SampleGenerator";

    /// <summary>Where ReviewRoom runs, e.g. http://localhost:5180.</summary>
    [Required]
    public string ReviewRoomUrl { get; set; } = "";

    /// <summary>A project API token with the 'read + ingest' scope (Integrations page).</summary>
    [Required]
    public string ApiToken { get; set; } = "";

    /// <summary>The webhook's secret, as entered on the Integrations page: deliveries not signed with it are refused.</summary>
    [Required, MinLength(16)]
    public string WebhookSecret { get; set; } = "";

    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The typeface drawn into the test pattern.</summary>
    public string FontFile { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>What each stand-in take reports it cost, so the model report has figures to show.</summary>
    [Range(0, 1_000_000)]
    public decimal CreditsPerTake { get; set; } = 1;

    /// <summary>Where the takes are rendered before they are uploaded (removed after each upload).</summary>
    public string WorkFolder { get; set; } = Path.Combine(Path.GetTempPath(), "reviewroom-sample-generator");
}

/// <summary>Builds the receiver: one endpoint for the webhook, one worker that renders and uploads.</summary>
public static class SampleGeneratorHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddOptions<SampleGeneratorOptions>().BindConfiguration(SampleGeneratorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(Channel.CreateUnbounded<JsonElement>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient<ReviewRoomClient>((services, http) =>
        {
            var options = services.GetRequiredService<IOptions<SampleGeneratorOptions>>().Value;
            http.BaseAddress = new Uri(options.ReviewRoomUrl.TrimEnd('/') + "/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
            http.Timeout = TimeSpan.FromMinutes(10);
        });
        builder.Services.AddSingleton<TakeRenderer>();
        builder.Services.AddHostedService<GenerationWorker>();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapPost("/", ReceiveAsync);
        return app;
    }

    /// <summary>
    /// Checks the signature before reading anything, answers at once (rendering takes longer than a webhook may wait) and
    /// queues the request. Everything else ReviewRoom sends is acknowledged and ignored.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, Channel<JsonElement> queue, IOptions<SampleGeneratorOptions> options, TimeProvider clock,
        ILoggerFactory loggers)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (!WebhookSignature.Verify(request.Headers["ReviewRoom-Signature"].ToString(), body, options.Value.WebhookSecret, clock.GetUtcNow()))
            return Results.Unauthorized();
        if (request.Headers["ReviewRoom-Event"].ToString() != "generation.requested")
            return Results.NoContent();
        using var document = JsonDocument.Parse(body);
        await queue.Writer.WriteAsync(document.RootElement.GetProperty("data").Clone());
        loggers.CreateLogger("SampleGenerator").LogInformation("Request {Id} received", document.RootElement.GetProperty("data").GetProperty("request").GetProperty("id"));
        return Results.Accepted();
    }
}

public static class WebhookSignature
{
    /// <summary>How old a delivery may be: an older one is a replay.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>"t=UNIX,v1=HEX": HMAC-SHA256 of "UNIX.BODY" with the secret, compared in constant time, and recent.</summary>
    public static bool Verify(string header, string body, string secret, DateTimeOffset now)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || Math.Abs(now.ToUnixTimeSeconds() - unix) > Tolerance.TotalSeconds
            || v1.Length != 64 || !v1.All(Uri.IsHexDigit))
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }
}

/// <summary>Works through received requests one at a time: claim, render each slot, upload it, report progress; fail with a reason.</summary>
internal sealed class GenerationWorker(Channel<JsonElement> queue, ReviewRoomClient reviewRoom, TakeRenderer renderer, IOptions<SampleGeneratorOptions> options,
    ILogger<GenerationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var data in queue.Reader.ReadAllAsync(stoppingToken))
        {
            var request = data.GetProperty("request");
            var projectId = request.GetProperty("projectId").GetGuid();
            var requestId = request.GetProperty("id").GetGuid();
            try
            {
                // Another pipeline may have it already; then it is theirs.
                if (!await reviewRoom.ClaimAsync(projectId, requestId, stoppingToken))
                    continue;
                await MakeTakesAsync(data, projectId, requestId, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Request {RequestId} failed", requestId);
                await reviewRoom.FailAsync(projectId, requestId, $"The sample generator could not make the takes: {ex.Message}", CancellationToken.None);
            }
        }
    }

    private async Task MakeTakesAsync(JsonElement data, Guid projectId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = data.GetProperty("request");
        var parent = data.GetProperty("parent");
        var upload = data.GetProperty("upload");
        var slots = request.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("takeId").ValueKind == JsonValueKind.Null).ToList();
        var model = request.GetProperty("model").GetString()!;
        var prompt = request.GetProperty("prompt").GetString() ?? "";
        var look = new TakeLook(
            Rate: parent.GetProperty("frameRate").GetString()!,
            Frames: parent.GetProperty("durationFrames").GetInt64(),
            Width: parent.TryGetProperty("width", out var width) ? width.GetInt32() : 1280,
            Height: parent.TryGetProperty("height", out var height) ? height.GetInt32() : 720,
            Prompt: prompt,
            ParentVersion: parent.GetProperty("versionLabel").GetString()!,
            Relation: request.GetProperty("relation").GetString()!);
        for (var done = 0; done < slots.Count; done++)
        {
            var seed = slots[done].GetProperty("seed") is { ValueKind: JsonValueKind.Number } given ? given.GetInt64() : (long?)null;
            await reviewRoom.ReportProgressAsync(projectId, requestId, (double)done / slots.Count, $"Rendering take {done + 1} of {slots.Count}", cancellationToken);
            var file = await renderer.RenderAsync(look with { Seed = seed }, cancellationToken);
            try
            {
                var generation = JsonSerializer.Serialize(new
                {
                    requestId,
                    model,
                    prompt,
                    negativePrompt = request.GetProperty("negativePrompt").GetString(),
                    seed,
                    parameters = request.GetProperty("parameters"),
                    credits = options.Value.CreditsPerTake,
                });
                await reviewRoom.UploadAsync(upload.GetProperty("uploads").GetString()!, file, new Dictionary<string, string>
                {
                    ["filename"] = $"{parent.GetProperty("shot").GetString()}_{look.ParentVersion}_{look.Relation}_{seed?.ToString(CultureInfo.InvariantCulture) ?? "auto"}.mp4",
                    ["projectId"] = projectId.ToString(),
                    ["shotId"] = upload.GetProperty("shotId").GetGuid().ToString(),
                    ["generation"] = generation,
                }, cancellationToken);
            }
            finally
            {
                File.Delete(file);
            }
        }
        logger.LogInformation("Request {RequestId}: {Count} take(s) uploaded", requestId, slots.Count);
    }
}

/// <summary>What a stand-in take looks like: the parent's rate, length and size, with what was asked drawn in.</summary>
public sealed record TakeLook(string Rate, long Frames, int Width, int Height, string Prompt, string ParentVersion, string Relation, long? Seed = null);

/// <summary>Draws a test pattern with ffmpeg; the seed picks the pattern's colours so takes of one request differ.</summary>
public sealed class TakeRenderer(IOptions<SampleGeneratorOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public async Task<string> RenderAsync(TakeLook look, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Value.FontFile))
            throw new InvalidOperationException($"The font {options.Value.FontFile} is missing; install fonts-dejavu-core or set SampleGenerator:FontFile.");
        var rate = look.Rate.Contains('/', StringComparison.Ordinal) ? look.Rate : look.Rate + "/1";
        if (look.Frames is < 1 or > 36_000 || look.Width is < 16 or > 8192 || look.Height is < 16 or > 8192
            || !rate.Split('/').All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
            throw new InvalidOperationException("The parent take's rate, length or size is out of range for a test render.");
        Directory.CreateDirectory(options.Value.WorkFolder);
        var id = Guid.NewGuid().ToString("N");
        var output = Path.Combine(options.Value.WorkFolder, id + ".mp4");
        // The prompt is the requester's text: it reaches drawtext through a file, read literally, never as filter syntax.
        var label = Path.Combine(options.Value.WorkFolder, id + ".txt");
        var prompt = look.Prompt.Length > 300 ? look.Prompt[..300] + "…" : look.Prompt;
        await File.WriteAllTextAsync(label, $"SAMPLE GENERATOR (stand-in)\n{look.Relation} of {look.ParentVersion}, seed {look.Seed?.ToString(CultureInfo.InvariantCulture) ?? "auto"}\n{Wrap(prompt, 60)}",
            cancellationToken);
        try
        {
            var hue = (look.Seed ?? 0) % 360;
            var size = $"{look.Width / 2 * 2}x{look.Height / 2 * 2}";
            var fontSize = Math.Max(12, look.Height / 24);
            string[] arguments =
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}",
                "-frames:v", look.Frames.ToString(CultureInfo.InvariantCulture),
                "-vf", $"hue=h={hue},drawtext=fontfile={options.Value.FontFile}:textfile={label}:expansion=none:fontsize={fontSize}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=24:y=24,"
                    + $"drawtext=fontfile={options.Value.FontFile}:text='%{{frame_num}}':fontsize={fontSize}:fontcolor=white:box=1:boxcolor=black@0.6:x=w-tw-24:y=h-th-24",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "12", "-r", rate,
                output,
            ];
            await RunAsync(arguments, cancellationToken);
            return output;
        }
        finally
        {
            File.Delete(label);
        }
    }

    private async Task RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Value.FfmpegPath) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed: {(await errors).Trim()}");
    }

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        if (line.Length > 0)
            lines.Add(line.ToString());
        return string.Join('\n', lines.Take(6));
    }
}

/// <summary>The pipeline API calls the generator makes, with its project token.</summary>
public sealed class ReviewRoomClient(HttpClient http)
{
    /// <summary>True when this generator now holds the request; false when another pipeline has it or it has ended.</summary>
    public async Task<bool> ClaimAsync(Guid projectId, Guid requestId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(RequestPath(projectId, requestId, "claim"), null, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
            return false;
        await EnsureAsync(response, "claim the request", cancellationToken);
        return true;
    }

    public async Task ReportProgressAsync(Guid projectId, Guid requestId, double progress, string message, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(RequestPath(projectId, requestId, "progress"), new { progress, message }, cancellationToken);
        await EnsureAsync(response, "report progress", cancellationToken);
    }

    public async Task FailAsync(Guid projectId, Guid requestId, string reason, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(RequestPath(projectId, requestId, "fail"), new { reason = reason.Length > 1000 ? reason[..1000] : reason }, cancellationToken);
        // Failing is the last word on a request already going wrong: nothing more to do if it is refused.
    }

    /// <summary>A tus 1.0 upload: create it with the metadata, then send the file in chunks from where the server is.</summary>
    public async Task UploadAsync(string uploadsPath, string file, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var length = new FileInfo(file).Length;
        using var create = new HttpRequestMessage(HttpMethod.Post, uploadsPath.TrimStart('/'));
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", string.Join(",", metadata.Select(m => $"{m.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(m.Value))}")));
        using var created = await http.SendAsync(create, cancellationToken);
        await EnsureAsync(created, "start the upload", cancellationToken);
        var location = created.Headers.Location ?? throw new InvalidOperationException("ReviewRoom answered the upload without its address.");
        await using var source = File.OpenRead(file);
        var buffer = new byte[4 * 1024 * 1024];
        long offset = 0;
        while (offset < length)
        {
            var read = await source.ReadAsync(buffer, cancellationToken);
            using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(buffer, 0, read) };
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            using var sent = await http.SendAsync(patch, cancellationToken);
            await EnsureAsync(sent, "send the take", cancellationToken);
            offset += read;
        }
    }

    private static string RequestPath(Guid projectId, Guid requestId, string action) => $"api/v1/projects/{projectId}/generation-requests/{requestId}/{action}";

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new InvalidOperationException($"ReviewRoom refused to {what}: {(int)response.StatusCode} {(detail.Length > 500 ? detail[..500] : detail)}");
    }
}
