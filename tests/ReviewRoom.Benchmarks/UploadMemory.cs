using System.Diagnostics;
using System.Net.Http.Headers;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.Benchmarks;

/// <summary>
/// Memory while a large file arrives through the resumable upload: the process's peak working set and
/// managed heap after a small upload (the baseline) and after a large one, measured in the same run.
/// Flat means the large upload costs no more memory than the small one: the ratio stays near 1.
/// </summary>
internal static class UploadMemory
{
    public static async Task<int> RunAsync(long largeBytes)
    {
        const long baselineBytes = 64L << 20;
        Console.WriteLine($"ReviewRoom upload memory benchmark: {baselineBytes >> 20} MB baseline, then {largeBytes >> 20} MB, one tus PATCH each");
        using var app = new ReviewRoomAppFactory();
        var baseAddress = app.StartOnFreePort();
        await using var director = await LivePerson.SignInAsync(baseAddress, DemoPeople.All[0].Email, DemoPeople.Password);
        var shotId = await FirstShotAsync(director);

        await UploadAsync(director, shotId, 8L << 20); // warm-up: JIT, connection, first file
        var baseline = await MeasureAsync(() => UploadAsync(director, shotId, baselineBytes));
        var large = await MeasureAsync(() => UploadAsync(director, shotId, largeBytes));

        Console.WriteLine();
        Console.WriteLine("| upload | time | throughput | peak working set | managed heap after |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, size, m) in new[] { ("baseline", baselineBytes, baseline), ("large", largeBytes, large) })
            Console.WriteLine($"| {name} {size >> 20} MB | {m.Elapsed.TotalSeconds:0.0} s | {size / m.Elapsed.TotalSeconds / (1 << 20):0} MB/s | {m.PeakWorkingSet >> 20} MB | {m.ManagedHeap >> 20} MB |");
        Console.WriteLine();
        Console.WriteLine($"large / baseline: peak working set {(double)large.PeakWorkingSet / baseline.PeakWorkingSet:0.00}, managed heap {(double)large.ManagedHeap / baseline.ManagedHeap:0.00}, " +
                          $"for {(double)largeBytes / baselineBytes:0} times the bytes");
        return 0;
    }

    private sealed record Measurement(TimeSpan Elapsed, long PeakWorkingSet, long ManagedHeap);

    private static async Task<Measurement> MeasureAsync(Func<Task> upload)
    {
        var stopwatch = Stopwatch.StartNew();
        await upload();
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Measurement(stopwatch.Elapsed, process.PeakWorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }

    public static async Task<Guid> FirstShotAsync(LivePerson person)
    {
        using var response = await person.Http.GetAsync($"/api/v1/projects/{DemoProject.Id}/shots");
        using var shots = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return shots.RootElement[0].GetProperty("id").GetGuid();
    }

    /// <summary>Streams <paramref name="bytes"/> of generated data in one PATCH; neither side holds the file.</summary>
    private static async Task UploadAsync(LivePerson person, Guid shotId, long bytes)
    {
        var tus = new TusClient(person.Http);
        var upload = await tus.CreateOrThrowAsync(bytes, new Dictionary<string, string>
        {
            ["filename"] = "large.bin",
            ["projectId"] = DemoProject.Id.ToString(),
            ["shotId"] = shotId.ToString(),
        });
        using var request = new HttpRequestMessage(HttpMethod.Patch, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", "0");
        request.Content = new StreamContent(new GeneratedStream(bytes), 1 << 16);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Content.Headers.ContentLength = bytes;
        using var response = await person.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        TusClient.JobOf(response);
    }

    /// <summary>A read-only stream of a repeating pattern, as long as asked for.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = (byte)((_position + i) * 31);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
