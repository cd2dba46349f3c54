namespace ReviewRoom.Web.Features.Webhooks;

public static class WebhookSetup
{
    public static void AddReviewRoomWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Redirects are not followed: a receiver that moves must be updated, not chased.
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookPayloads>();
        builder.Services.AddSingleton<WebhookCommands>();
        builder.Services.AddHostedService<WebhookDispatcher>();
    }
}
