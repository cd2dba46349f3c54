using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using ReviewRoom.SampleGenerator;

namespace ReviewRoom.TestHost;

/// <summary>The sample generator, run in the test's process on a free loopback port, as a person would run it beside ReviewRoom.</summary>
public sealed class RunningSampleGenerator : IAsyncDisposable
{
    public const string Secret = "whsec_sample_generator_test_0123";

    private readonly WebApplication _app;
    private readonly string _workFolder;

    private RunningSampleGenerator(WebApplication app, string workFolder, Uri url)
    {
        _app = app;
        _workFolder = workFolder;
        Url = url;
    }

    /// <summary>Where ReviewRoom's webhook should point.</summary>
    public Uri Url { get; }

    public static async Task<RunningSampleGenerator> StartAsync(Uri reviewRoom, string apiToken, decimal creditsPerTake = 1.5m)
    {
        var workFolder = Path.Combine(Path.GetTempPath(), "reviewroom-tests", "generator-" + Guid.NewGuid().ToString("n"));
        var port = ReviewRoomAppFactory.FreePort();
        var app = SampleGeneratorHost.Build([], builder =>
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SampleGenerator:ReviewRoomUrl"] = reviewRoom.ToString(),
                ["SampleGenerator:ApiToken"] = apiToken,
                ["SampleGenerator:WebhookSecret"] = Secret,
                ["SampleGenerator:CreditsPerTake"] = creditsPerTake.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SampleGenerator:WorkFolder"] = workFolder,
            });
        });
        await app.StartAsync();
        return new RunningSampleGenerator(app, workFolder, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ReviewRoomAppFactory.DeleteFolder(_workFolder);
    }
}
