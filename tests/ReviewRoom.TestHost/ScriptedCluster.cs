using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ReviewRoom.TestHost;

/// <summary>
/// The loopback cluster exactly as a newcomer starts it (<c>src/scripts/cluster.sh</c>): PostgreSQL, Redis, nodes as
/// processes of their own and nginx in front. Nodes can be killed with SIGKILL and started again.
/// </summary>
public sealed class ScriptedCluster : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewroom-tests", $"cluster-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
    private readonly Dictionary<string, string> _env;
    private readonly Dictionary<int, string> _stickyKeys = [];

    /// <summary>Two nodes: the smallest cluster, and the one a test class gets as its fixture.</summary>
    public ScriptedCluster()
    {
        const int nodes = 2;
        try
        {
            Script("start", "--no-build", "--nodes", nodes.ToString(CultureInfo.InvariantCulture));
        }
        catch
        {
            Script("stop");
            throw;
        }
        _env = File.ReadAllLines(Path.Combine(_folder, "cluster.env")).Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Address = new Uri(_env["ADDRESS"]);
        Nodes = nodes;
    }

    /// <summary>nginx: where people go.</summary>
    public Uri Address { get; }

    public int Nodes { get; }

    public string DatabaseConnectionString => $"Host=127.0.0.1;Port={_env["POSTGRES_PORT"]};Database=reviewroom;Username=reviewroom";

    /// <summary>One node directly, past nginx.</summary>
    public Uri AddressOfNode(int node) => new($"http://127.0.0.1:{_env[$"NODE{node}_PORT"]}");

    /// <summary>SIGKILL, as a crash or a pulled plug would: no shutdown, no goodbye to the others.</summary>
    public void KillNode(int node) => Script("kill-node", node.ToString(CultureInfo.InvariantCulture));

    public void StartNode(int node) => Script("start-node", node.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A value for nginx's stickiness cookie that sends a browser to <paramref name="node"/>: found by asking nginx, since
    /// which node a key lands on is nginx's hash to choose.
    /// </summary>
    public async Task<Cookie> StickyCookieForAsync(int node)
    {
        lock (_stickyKeys)
        {
            if (_stickyKeys.TryGetValue(node, out var known))
                return new Cookie("reviewroom_node", known);
        }
        using var direct = new HttpClient();
        var wanted = await NodeNameAsync(direct, AddressOfNode(node), null);
        for (var i = 0; i < 200; i++)
        {
            var key = $"key{i}";
            if (await NodeNameAsync(direct, Address, key) != wanted)
                continue;
            lock (_stickyKeys)
                _stickyKeys[node] = key;
            return new Cookie("reviewroom_node", key);
        }
        throw new InvalidOperationException($"No stickiness key sent requests to node {node}.");
    }

    public void Dispose() => Script("stop");

    private static async Task<string> NodeNameAsync(HttpClient http, Uri address, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/health"));
        if (key is not null)
            request.Headers.Add("Cookie", $"reviewroom_node={key}");
        using var response = await http.SendAsync(request);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return health.RootElement.GetProperty("node").GetString()!;
    }

    private void Script(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Repository.PathTo("src", "scripts", "cluster.sh"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["REVIEWROOM_CLUSTER_DIR"] = _folder;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {errors.Result}\n{output.Result}\n{NodeLogs()}");
    }

    private string NodeLogs() =>
        Directory.Exists(_folder)
            ? string.Join('\n', Directory.GetFiles(_folder, "node*.log").Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"))
            : "";
}
