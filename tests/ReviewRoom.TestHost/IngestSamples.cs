using System.Diagnostics;

namespace ReviewRoom.TestHost;

/// <summary>
/// The ingest test files, made once per test run by the repo's own script
/// (src/ReviewRoom.Media/scripts/make-ingest-samples.sh), so tests and people check the same files.
/// </summary>
public static class IngestSamples
{
    public const int Seconds = 2;
    private static readonly Lazy<string> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Made.Value;

    public static string PathOf(string name) => Path.Combine(Folder, name);

    private static string Make()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewroom-tests", "ingest-samples-" + Guid.NewGuid().ToString("n"));
        var script = Repository.PathTo("src", "ReviewRoom.Media", "scripts", "make-ingest-samples.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        start.ArgumentList.Add(Seconds.ToString());
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"make-ingest-samples.sh failed: {errors}{output.Result}");
        return folder;
    }
}
