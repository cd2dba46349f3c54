using ReviewRoom.Web.Features.Ingest;

namespace ReviewRoom.Web.Features.Api;

public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static void AddReviewRoomApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<ApiAccess>();
    }

    public static void MapReviewRoomApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization().DisableAntiforgery();
        api.MapTusUploads();
    }
}
