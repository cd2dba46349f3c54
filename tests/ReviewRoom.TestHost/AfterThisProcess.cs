using System.Diagnostics;
using System.Globalization;

namespace ReviewRoom.TestHost;

/// <summary>
/// Clean-up that must happen however this process ends. A test host the runner stops hard never runs its exit handlers,
/// and a server it started as a daemon would run on for good; a detached shell (its own session, so not in this
/// process's tree) waits for this process to end and then runs the command.
/// </summary>
internal static class AfterThisProcess
{
    public static void Run(string shellCommand)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var script = string.Create(CultureInfo.InvariantCulture, $"exec </dev/null >/dev/null 2>&1; tail --pid={Environment.ProcessId} -f /dev/null; {shellCommand}");
        foreach (var argument in new[] { "-f", "bash", "-c", script })
            start.ArgumentList.Add(argument);
        using var watcher = Process.Start(start) ?? throw new InvalidOperationException("setsid could not be started (it is part of util-linux).");
        // setsid -f returns as soon as the detached shell is on its way.
        watcher.WaitForExit();
    }

    /// <summary>A path as one shell word.</summary>
    public static string Quoted(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
