using Microsoft.Extensions.Options;

namespace ReviewRoom.SampleGenerator;

// A class of its own rather than top-level statements: tests host this generator beside ReviewRoom's own Program.
public static class Program
{
    public static void Main(string[] args)
    {
        var app = SampleGeneratorHost.Build(args);
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Sample generator (a stand-in for a video model) waiting for generation.requested webhooks at {Urls}; takes go to {ReviewRoom}",
            string.Join(", ", app.Urls), app.Services.GetRequiredService<IOptions<SampleGeneratorOptions>>().Value.ReviewRoomUrl));
        app.Run();
    }
}
