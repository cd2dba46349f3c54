using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewRoom.Media;

public static class MediaServiceCollectionExtensions
{
    public static IServiceCollection AddReviewRoomMedia(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<MediaOptions>()
            .BindConfiguration(MediaOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IMediaStore>(provider => new LocalFolderMediaStore(provider.GetRequiredService<IOptions<MediaOptions>>(), contentRoot));
        services.AddSingleton<FfmpegTools>();
        services.AddSingleton<MediaPipeline>();
        services.AddSingleton<AssemblyEncoder>();
        return services;
    }
}
