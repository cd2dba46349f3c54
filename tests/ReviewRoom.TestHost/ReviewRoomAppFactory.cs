using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace ReviewRoom.TestHost;

/// <summary>
/// The real app on a real SQLite file and media folder of its own. Several factories may share one
/// <see cref="DataFolder"/> to test what a restart does.
/// </summary>
public sealed partial class ReviewRoomAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder;

    private readonly IReadOnlyDictionary<string, string> _settings;

    public ReviewRoomAppFactory(string? dataFolder = null, bool demo = true, Dictionary<string, string>? settings = null)
    {
        _settings = settings ?? [];
        _ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? NewDataFolder();
        Demo = demo;
    }

    public string DataFolder { get; }
    public bool Demo { get; }
    /// <summary>The SQLite file, when the tests run on SQLite (see <see cref="TestDatabase"/>).</summary>
    public string DatabasePath => Path.Combine(DataFolder, "reviewroom.db");
    public string MediaFolder => Path.Combine(DataFolder, "media");

    public static string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewroom-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Serves the app on a free loopback port for a real browser; returns its base address.</summary>
    public Uri StartOnFreePort()
    {
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("Database:ConnectionString", TestDatabase.ConnectionStringFor(DataFolder));
        builder.UseSetting("Media:Folder", MediaFolder);
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(DataFolder, "keys"));
        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("Urls", "");
        // Tests sign the same people in many times from one address and post quickly; a test that is
        // about a budget sets its own low one.
        builder.UseSetting("RateLimits:SignInPerAccountAndAddress", "100000");
        builder.UseSetting("RateLimits:SignInPerAddress", "100000");
        builder.UseSetting("RateLimits:CommandsPerMinute", "100000");
        builder.UseSetting("RateLimits:UploadsPerMinute", "100000");
        builder.UseSetting("RateLimits:HubMessagesPerSecond", "100000");
        builder.UseSetting("RateLimits:HubConnectionsPerPerson", "100000");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }

    /// <summary>
    /// The demo's prepared clips (posters, filmstrips, waveforms and the seeder's record of them), made by the first app this
    /// test process starts and copied into every later one's media folder, so each start does not run ffmpeg over every
    /// clip again. Kept per process: a code change can never meet media an older build prepared.
    /// </summary>
    private static readonly string PreparedDemo = Path.Combine(Path.GetTempPath(), "reviewroom-tests", $"prepared-demo-{Environment.ProcessId}");
    private static readonly SemaphoreSlim PreparedDemoLock = new(1, 1);

    static ReviewRoomAppFactory() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(PreparedDemo);

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var demoMedia = Path.Combine(MediaFolder, "demo");
        if (Demo && Directory.Exists(PreparedDemo) && !Directory.Exists(demoMedia))
            CopyFolder(PreparedDemo, demoMedia);
        var host = base.CreateHost(builder);
        if (Demo && !Directory.Exists(PreparedDemo) && Directory.Exists(demoMedia))
            KeepPreparedDemo(demoMedia);
        return host;
    }

    private static void KeepPreparedDemo(string demoMedia)
    {
        PreparedDemoLock.Wait();
        try
        {
            if (Directory.Exists(PreparedDemo))
                return;
            var partial = PreparedDemo + ".partial";
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
            CopyFolder(demoMedia, partial);
            Directory.Move(partial, PreparedDemo);
        }
        finally
        {
            PreparedDemoLock.Release();
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var folder in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && _ownsFolder)
            DeleteFolder(DataFolder);
    }

    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on the way out is left for the temp cleaner; the test result stands.
        }
    }

    /// <summary>A client that keeps cookies and shows redirects rather than following them.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form, as a browser would; the client keeps the cookie.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string email, string password)
    {
        var client = CreateBrowserlikeClient();
        using var response = await PostSignInFormAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Fills and posts the sign-in form, antiforgery token included.</summary>
    public static Task<HttpResponseMessage> PostSignInFormAsync(HttpClient client, string email, string password) =>
        StaticForm.PostAsync(client, "/account/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>
    /// A port free now, below the kernel's range for outgoing connections (as src/scripts/cluster.sh picks them): a
    /// port from that range can be taken by some client's connection between this check and the server binding it.
    /// </summary>
    public static int FreePort()
    {
        var below = OutgoingPortsStartAt();
        while (true)
        {
            var port = Random.Shared.Next(10_000, below);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }

    private static int OutgoingPortsStartAt()
    {
        try
        {
            var low = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
            return low > 12_000 ? low : 32_768;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
