using ReviewRoom.Media;

namespace ReviewRoom.Web.Features.Media;

public static class MediaSetup
{
    /// <summary>ffprobe and ffmpeg, the media store, and a start that stops in words when the tools are missing.</summary>
    public static void AddReviewRoomMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddReviewRoomMedia(builder.Environment.ContentRootPath);
        builder.Services.AddHostedService<MediaToolsCheck>();
        builder.Services.AddSingleton<FrameExports>();
    }

    public static void MapReviewRoomMedia(this WebApplication app) => MediaEndpoints.Map(app);
}
