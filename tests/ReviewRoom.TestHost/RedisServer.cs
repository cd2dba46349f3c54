using System.Diagnostics;
using System.Globalization;

namespace ReviewRoom.TestHost;

/// <summary>
/// A throw-away Redis (Debian's redis-server) on a free loopback port, keeping nothing on disk. It can be stopped and
/// started again on the same port, as an operator restarting Redis under running nodes would.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _folder;
    private Process? _process;

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string PidFile => Path.Combine(_folder, "redis.pid");

    /// <summary>What a node's <c>Redis:Configuration</c> setting says to reach this server.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static RedisServer Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewroom-tests", $"redis-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var server = new RedisServer(folder, ReviewRoomAppFactory.FreePort());
        server.StartAgain();
        // A test host stopped hard does not dispose its fixtures, nor run its exit handlers; its Redis, a child that
        // would outlive it, goes either way. The pid file names only a server that is running: Kill removes it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        var pidFile = AfterThisProcess.Quoted(server.PidFile);
        AfterThisProcess.Run($"[ -f {pidFile} ] && kill -9 \"$(cat {pidFile})\"; rm -rf {AfterThisProcess.Quoted(folder)}");
        return server;
    }

    /// <summary>Starts the server (again) on its port and returns once it answers PING.</summary>
    public void StartAgain()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("Redis is already running.");
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder, "--pidfile", PidFile, "--protected-mode", "no" })
            start.ArgumentList.Add(argument);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        // redis-server says when it accepts connections; waiting for that line is waiting for the server itself.
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
                ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited before it was ready on port {Port}."));
        if (!_process.Start())
            throw new InvalidOperationException("redis-server could not be started (apt-get install -y redis-server).");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(20)))
            throw new InvalidOperationException($"redis-server did not start on port {Port}.");
    }

    /// <summary>Kills the server at once, as a crash would: everything in it and every subscription is gone.</summary>
    public void Kill()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        File.Delete(PidFile);
    }

    public void Dispose()
    {
        Kill();
        ReviewRoomAppFactory.DeleteFolder(_folder);
    }
}
