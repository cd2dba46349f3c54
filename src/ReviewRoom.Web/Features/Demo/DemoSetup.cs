namespace ReviewRoom.Web.Features.Demo;

public static class DemoSetup
{
    public static void AddReviewRoomDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        // Registered after the migrator, so hosted-service order puts the schema first.
        builder.Services.AddHostedService<DemoSeeder>();
    }
}
