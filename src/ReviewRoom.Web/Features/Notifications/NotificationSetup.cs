namespace ReviewRoom.Web.Features.Notifications;

public static class NotificationSetup
{
    public static void AddReviewRoomNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationFeed>();
        builder.Services.AddSingleton<NotificationCommands>();
        builder.Services.AddHostedService<NotificationFanout>();
    }
}
