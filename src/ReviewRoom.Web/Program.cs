using ReviewRoom.Web.Hosting;

var contentRoot = ContentRoot.Locate();
var adminCommand = AdminCommandLine.IsAdminCommand(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    // The admin command line's options are its own, not configuration.
    Args = adminCommand ? [] : args,
    ContentRootPath = contentRoot,
    WebRootPath = Path.Combine(contentRoot, "wwwroot"),
});
// MudBlazor's and the framework's assets come from the build's static web asset manifest,
// also when the app runs outside Development.
builder.WebHost.UseStaticWebAssets();

builder.AddReviewRoom();
if (adminCommand)
    builder.Logging.AddFilter(level => level >= LogLevel.Warning);

var app = builder.Build();
if (adminCommand)
    return await AdminCommandLine.RunAsync(app.Services, args[1..], Console.Out, Console.Error);
app.UseReviewRoom();
return app.RunReviewRoom();

public partial class Program;
