using ReviewRoom.Web.Hosting;

var contentRoot = ContentRoot.Locate();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = contentRoot,
    WebRootPath = Path.Combine(contentRoot, "wwwroot"),
});
// MudBlazor's and the framework's assets come from the build's static web asset manifest,
// also when the app runs outside Development.
builder.WebHost.UseStaticWebAssets();

builder.AddReviewRoom();

var app = builder.Build();
app.UseReviewRoom();
return app.RunReviewRoom();

public partial class Program;
