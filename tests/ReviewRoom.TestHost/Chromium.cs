using Microsoft.Playwright;

namespace ReviewRoom.TestHost;

/// <summary>Debian's Chromium, headless, as browser tests and benchmarks drive it (a browser download never works here).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <param name="lowestPriority">
    /// Runs the browser at the lowest CPU priority (the SCHED_IDLE policy), for a benchmark whose pages stand for people
    /// on machines of their own: on a machine shared with the servers being measured, the browser then takes only what
    /// they leave. Not nice 19: Chromium sets its processes' nice values itself, and as root it raises them.
    /// </param>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, bool lowestPriority = false)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"This needs Chromium at {ExecutablePath}. Install it as root with: apt-get update && apt-get install -y chromium");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = lowestPriority ? LowestPriorityLauncher() : ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    /// <summary>A launcher script that starts Chromium under SCHED_IDLE; every process it starts inherits the policy.</summary>
    private static string LowestPriorityLauncher()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reviewroom-chromium-idle-{Environment.ProcessId}.sh");
        File.WriteAllText(path, $"#!/bin/sh\nexec chrt --idle 0 {ExecutablePath} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
