using MudBlazor.Services;
using ReviewRoom.Data;
using ReviewRoom.Media;
using ReviewRoom.Web.Components;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Health;
using ReviewRoom.Web.Features.Media;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Hosting;

public static class ReviewRoomHostingExtensions
{
    public static WebApplicationBuilder AddReviewRoom(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddReviewRoomData(contentRoot);
        builder.Services.AddReviewRoomMedia(contentRoot);
        builder.Services.AddHostedService<MediaToolsCheck>();
        builder.AddReviewRoomAccounts();
        builder.AddReviewRoomDemo();
        builder.Services.AddSingleton<ProjectAccess>();
        builder.Services.AddSingleton<ProjectCommands>();
        builder.AddReviewRoomHealth();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseReviewRoom(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found");

        // The top-level wwwroot (player script, styles, demo media) with range requests for seeking.
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapReviewRoomHealth();
        app.MapReviewRoomAccounts();
        app.MapReviewRoomMedia();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
