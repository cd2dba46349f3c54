using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewRoom.Web.Features.Security;

public static class SecuritySetup
{
    public static void AddReviewRoomSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section);
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RateLimits>();
        // A cluster (Features/Cluster) registers shared windows first; a single node counts in process.
        builder.Services.TryAddSingleton<IRateWindows, LocalRateWindows>();
    }
}
