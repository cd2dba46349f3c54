namespace ReviewRoom.Web.Features.Email;

public static class EmailSetup
{
    public static void AddReviewRoomEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Mailer>();
        builder.Services.AddHostedService<DigestSender>();
    }
}
