using ReviewRoom.Web.Features.Cluster;
using ReviewRoom.Web.Features.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ReviewRoom.Data;
using ReviewRoom.Media;
using ReviewRoom.Web.Components;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Notes;
using ReviewRoom.Web.Features.Members;
using ReviewRoom.Web.Features.Email;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Admin;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Ingest;
using ReviewRoom.Web.Features.Generation;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Health;
using ReviewRoom.Web.Features.Handoff;
using ReviewRoom.Web.Features.Media;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Web.Features.Security;
using ReviewRoom.Web.Features.Playlists;
using ReviewRoom.Web.Features.Sessions;
using ReviewRoom.Web.Features.Webhooks;

namespace ReviewRoom.Web.Hosting;

public static class ReviewRoomHostingExtensions
{
    public static WebApplicationBuilder AddReviewRoom(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddReviewRoomData(contentRoot);
        builder.AddReviewRoomCluster();
        // Each feature registers its own services (Features/<Feature>/<Feature>Setup.cs).
        builder.AddReviewRoomMedia();
        builder.AddReviewRoomAccounts();
        builder.AddReviewRoomDemo();
        builder.AddReviewRoomProjects();
        builder.AddReviewRoomMembers();
        builder.AddReviewRoomAdmin();
        builder.AddReviewRoomHealth();
        builder.AddReviewRoomRooms();
        builder.AddReviewRoomSessions();
        builder.AddReviewRoomPlaylists();
        builder.AddReviewRoomHandoff();
        builder.AddReviewRoomNotes();
        builder.AddReviewRoomDecisions();
        builder.AddReviewRoomIngest();
        builder.AddReviewRoomGeneration();
        builder.AddReviewRoomApi();
        builder.AddReviewRoomWebhooks();
        builder.AddReviewRoomNotifications();
        builder.AddReviewRoomEmail();
        builder.AddReviewRoomSecurity();

        // Sign-in cookies must survive a restart: keep the keys with the rest of ReviewRoom's data. Nodes sharing a
        // PostgreSQL database share them there, so a cookie one node made is read by every other.
        // (Nodes also need one application name: by default it comes from each node's install path.)
        var protection = builder.Services.AddDataProtection();
        if (builder.Configuration["Database:Provider"] == DatabaseProviders.PostgreSql)
            protection.SetApplicationName("ReviewRoom").PersistKeysToDbContext<ReviewRoomDbContext>();
        else
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((options, configuration, loggers) =>
                options.XmlRepository = new FileSystemXmlRepository(
                    new DirectoryInfo(Path.GetFullPath(configuration["DataProtection:KeysFolder"] ?? "data/keys", contentRoot)), loggers));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.UseReadableHubErrors();
        return builder;
    }

    public static WebApplication UseReviewRoom(this WebApplication app)
    {
        app.UseKnownProxies();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found");
        // Programs get RFC 7807 problem details for every error, written before the page handlers above
        // see the response; people get pages.
        app.UseWhen(IsForPrograms, programs =>
        {
            programs.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
            programs.UseStatusCodePages(context => ProblemStatusPages.WriteAsync(context.HttpContext));
        });
        app.UseMiddleware<RequestOriginCheck>();

        // The top-level wwwroot (player script, styles, demo media) with range requests for seeking.
        app.UseStaticFiles();
        // Routing after the top-level files: otherwise the static-asset endpoints' development fallback
        // claims them first and warns on every page load that they are not in the build manifest.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapReviewRoomHealth();
        app.MapReviewRoomAccounts();
        app.MapReviewRoomMedia();
        app.MapReviewRoomRooms();
        app.MapReviewRoomApi();
        app.MapReviewRoomIngest();
        app.MapReviewRoomGeneration();
        // One Content-Security-Policy header for every answer (ours says frame-ancestors itself).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddress(app));
        return app;
    }

    private static bool IsForPrograms(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments(ReviewHub.Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs until shut down; a start that cannot succeed ends with one clear line, not a stack trace.</summary>
    public static int RunReviewRoom(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"ReviewRoom could not start: {ex.Message} Stop the program using it, or pick another address with --urls http://localhost:PORT.");
            return 1;
        }
        catch (StartupCheckException ex)
        {
            Console.Error.WriteLine($"ReviewRoom could not start: {ex.Message}");
            return 1;
        }
    }

    private static void AnnounceAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
            return;
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled;
        app.Logger.LogInformation("ReviewRoom is ready: open {Url} in a browser{Demo}", addresses.First(),
            demo ? " and sign in as one of the demo people listed there" : "");
    }
}
