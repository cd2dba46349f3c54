using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ReviewRoom.TestHost;

namespace ReviewRoom.IntegrationTests.Hosting;

/// <summary>
/// What a studio deploys is the output of <c>dotnet publish</c>, not a checkout: it must start from any folder
/// with its appsettings.json beside it and serve the build's fingerprinted assets.
/// </summary>
public sealed partial class PublishedAppTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("reviewroom-published-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Checks the SQLite file the published program makes beside itself; the PostgreSQL pass leaves it out.</summary>
    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteFileOnly)]
    public async Task PublishedApp_StartsOutsideTheCheckout_AndServesFingerprintedAssets()
    {
        var output = Path.Combine(_folder.FullName, "app");
        var publish = await RunToEndAsync("dotnet", ["publish", Repository.PathTo("src", "ReviewRoom.Web"), "-c", "Release", "--no-build", "-o", output, "-nologo"]);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")), "appsettings.json is published beside the app");

        var port = ReviewRoomAppFactory.FreePort();
        var startedIn = Directory.CreateDirectory(Path.Combine(_folder.FullName, "somewhere-else")).FullName;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var app = Start(Path.Combine(output, "ReviewRoom.Web.dll"), port, startedIn, errors);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Eventually.UntilAsync(async () => await AnswersAsync(http, "alive") || app.HasExited, "the published app to answer", Patience);
            if (app.HasExited)
                Assert.Fail("The published app stopped: " + string.Join('\n', errors));

            var page = await http.GetStringAsync("account/signin");
            var assets = AssetReference().Matches(page).Select(m => m.Groups["path"].Value).ToList();
            Assert.Contains(assets, a => FingerprintedAs("css/app", ".css").IsMatch(a));
            Assert.Contains(assets, a => FingerprintedAs("_framework/blazor.web", ".js").IsMatch(a));
            Assert.Contains(assets, a => FingerprintedAs("_content/MudBlazor/MudBlazor.min", ".css").IsMatch(a));
            foreach (var asset in assets)
            {
                using var answer = await http.GetAsync(asset);
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)answer.StatusCode}");
                Assert.Contains("immutable", answer.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            }

            // The demo room's clips are served from the published web root with range requests, for seeking.
            using var range = new HttpRequestMessage(HttpMethod.Get, "demo/clips/sh010_v001.mp4");
            range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
            using var part = await http.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);

            // Its data lives beside it, not in the checkout it was built from.
            Assert.True(File.Exists(Path.Combine(output, "data", "reviewroom.db")), "the database is made in the published folder");
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static Process Start(string appDll, int port, string workingDirectory, System.Collections.Concurrent.ConcurrentQueue<string> errors)
    {
        var start = new ProcessStartInfo("dotnet", [appDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("REVIEWROOM_ROOT");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        var process = Process.Start(start)!;
        // Both drained so a chatty log never fills a pipe and stalls the app.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => errors.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            using var answer = await http.GetAsync(path);
            return answer.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string tool, IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static Regex FingerprintedAs(string stem, string extension) =>
        new($"^{Regex.Escape(stem)}\\.[a-z0-9]{{6,}}{Regex.Escape(extension)}$", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"(?:href|src)=""(?<path>(?!/|https?:)[^""]+)""")]
    private static partial Regex AssetReference();
}
