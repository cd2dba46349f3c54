namespace ReviewRoom.Web.Features.Admin;

public static class AdminSetup
{
    public static void AddReviewRoomAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiteSettings>();
        builder.Services.AddScoped<AccountAdministration>();
    }
}
