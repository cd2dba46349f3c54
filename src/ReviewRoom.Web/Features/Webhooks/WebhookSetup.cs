namespace ReviewRoom.Web.Features.Webhooks;

public static class WebhookSetup
{
    public static void AddReviewRoomWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookDestinations>();
        // Redirects are not followed (a receiver that moves must be updated, not chased, and a redirect could
        // point inside); no proxy from the environment, so every connection goes through the address check.
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookDestinations>().ConnectAsync,
            });
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookPayloads>();
        builder.Services.AddSingleton<WebhookCommands>();
        builder.Services.AddHostedService<WebhookDispatcher>();
    }
}
