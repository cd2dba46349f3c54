using ReviewRoom.Media;

namespace ReviewRoom.Web.Features.Media;

/// <summary>Refuses to start without ffmpeg, saying what to install, rather than failing on the first take.</summary>
internal sealed class MediaToolsCheck(FfmpegTools tools) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await tools.CheckAvailableAsync(cancellationToken) is { } problem)
            throw new StartupCheckException($"ReviewRoom needs ffmpeg and ffprobe. {problem}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The machine lacks something ReviewRoom needs; the message says what and how to get it.</summary>
public sealed class StartupCheckException(string message) : Exception(message);
