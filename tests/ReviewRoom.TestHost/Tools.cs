using System.Diagnostics;
using System.Text;

namespace ReviewRoom.TestHost;

/// <summary>Runs a command-line tool (ffmpeg, ffprobe, pdftotext) the way a person checking a file would, failing loudly with its errors.</summary>
public static class Tools
{
    /// <summary>The tool's standard output as text.</summary>
    public static string Run(string tool, params string[] arguments) => Encoding.UTF8.GetString(RunForBytes(tool, arguments));

    /// <summary>The tool's standard output as bytes (raw video frames, say).</summary>
    public static byte[] RunForBytes(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {errors.Result}");
        return output.ToArray();
    }
}
