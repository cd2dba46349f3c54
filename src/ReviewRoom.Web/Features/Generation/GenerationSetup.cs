using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Web.Features.Generation;

public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>How long a request waits for a pipeline to claim it before it times out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ClaimWithin { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a claim holds without a progress report; after that the request is open to pipelines again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often each node looks for requests whose time has run out.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

public static class GenerationSetup
{
    public static void AddReviewRoomGeneration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenerationOptions>()
            .BindConfiguration(GenerationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GenerationCommands>();
        builder.Services.AddSingleton<ModelReportReader>();
        builder.Services.AddHostedService<GenerationSweeper>();
    }
}

/// <summary>Gives requests their time-out and lapsed claims back to the queue, so every state on the board is one a person can read.</summary>
internal sealed class GenerationSweeper(GenerationCommands commands, Microsoft.Extensions.Options.IOptions<GenerationOptions> options, TimeProvider clock,
    ILogger<GenerationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                var changed = await commands.SweepAsync(stoppingToken);
                if (changed > 0)
                    logger.LogInformation("{Count} generation request(s) timed out or were opened again after their claim lapsed", changed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Generation requests could not be swept; trying again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
