namespace ReviewRoom.Web.Features.Ingest;

public static class IngestSetup
{
    public static void AddReviewRoomIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<UploadStore>();
        builder.Services.AddSingleton<IngestSignal>();
        builder.Services.AddSingleton<IngestProgressFeed>();
        builder.Services.AddSingleton<IngestCommands>();
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.AddHostedService<AbandonedUploadSweeper>();
    }

    /// <summary>Resumable uploads (tus), part of the pipeline API.</summary>
    public static void MapReviewRoomIngest(this WebApplication app) => Api.ApiSetup.PipelineGroup(app).MapTusUploads();
}

/// <summary>Clears out uploads that were started and never finished, once an hour.</summary>
internal sealed class AbandonedUploadSweeper(UploadStore store, Microsoft.Extensions.Options.IOptions<IngestOptions> options, TimeProvider clock,
    ILogger<AbandonedUploadSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var removed = store.DeleteAbandoned(clock.GetUtcNow().UtcDateTime - options.Value.UnfinishedUploadLifetime);
            if (removed > 0)
                logger.LogInformation("Removed {Count} upload(s) nobody finished", removed);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
