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

    /// <summary>The node's process as last started (a killed node started again is a new process).</summary>
    public int ProcessOfNode(int node) =>
        int.Parse(File.ReadLines(Path.Combine(_folder, "cluster.env")).Last(l => l.StartsWith($"NODE{node}_PID=", StringComparison.Ordinal)).Split('=')[1], CultureInfo.InvariantCulture);

    public string RedisConfiguration => $"127.0.0.1:{_env["REDIS_PORT"]}";

    /// <summary>Another nginx, configured as the cluster's, in front of servers of the caller's own; stopped with the cluster.</summary>
    public Uri StartProxy(string name, IEnumerable<int> ports) =>
        new(Script(["proxy", name, .. ports.Select(p => p.ToString(CultureInfo.InvariantCulture))]).Trim().Split('\n').Last());

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
        var cookie = await StickyCookieAsync(Address, AddressOfNode(node));
        lock (_stickyKeys)
            _stickyKeys[node] = cookie.Value;
        return cookie;
    }

    /// <summary>A stickiness cookie that makes the nginx at <paramref name="front"/> send requests to the server at <paramref name="node"/> (both answer /health with their node's name).</summary>
    public static async Task<Cookie> StickyCookieAsync(Uri front, Uri node)
    {
        using var direct = new HttpClient();
        var wanted = await NodeNameAsync(direct, node, null);
        for (var i = 0; i < 200; i++)
        {
            var key = $"key{i}";
            if (await NodeNameAsync(direct, front, key) == wanted)
                return new Cookie("reviewroom_node", key);
        }
        throw new InvalidOperationException($"No stickiness key sent requests to {node}.");
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

    private string Script(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Repository.PathTo("src", "scripts", "cluster.sh"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["REVIEWROOM_CLUSTER_DIR"] = _folder;
        // Tests and benchmarks sign the same people in many times from one address and post quickly; the nodes
        // inherit these from the script.
        foreach (var budget in new[] { "SignInPerAccountAndAddress", "SignInPerAddress", "CommandsPerMinute", "UploadsPerMinute", "HubMessagesPerSecond", "HubConnectionsPerPerson" })
            start.Environment[$"RateLimits__{budget}"] = "100000";
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
        return output.Result;
    }

    /// <summary>The warnings and errors the nodes logged so far, for a run that went wrong.</summary>
    public IEnumerable<string> NodeProblems() =>
        Directory.GetFiles(_folder, "node*.log").SelectMany(file =>
        {
            var lines = File.ReadAllLines(file);
            return lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
                .Select(l => $"{Path.GetFileName(file)}: {l.line} {string.Join(" ", lines.Skip(l.i + 1).Take(4).Select(x => x.Trim()))}");
        });

    private string NodeLogs() =>
        Directory.Exists(_folder)
            ? string.Join('\n', Directory.GetFiles(_folder, "node*.log").Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"))
            : "";
}
