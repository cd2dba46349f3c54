using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.TestHost;

/// <summary>A project of the demo team holding one take per frame rate, made from clips whose pixels spell their frame index.</summary>
public sealed record FrameIndexProject(Guid ProjectId, Guid DirectorId, IReadOnlyDictionary<string, Guid> TakeByRate);

public static class FrameIndexTakes
{
    /// <summary>Every rate ReviewRoom accepts, in the order the takes are added (v001 first).</summary>
    public static readonly string[] Rates = ["24000/1001", "24", "25", "30000/1001", "30", "50", "60000/1001", "60"];

    /// <summary>
    /// Makes the clips with ffmpeg (<paramref name="frames"/> each, at most 256: eight stripes spell the index) and adds them as
    /// takes of one shot, in a project where every demo person has their demo role.
    /// </summary>
    public static async Task<FrameIndexProject> CreateAsync(IServiceProvider services, string folder, int frames)
    {
        var clips = Path.Combine(folder, "index-clips");
        MakeClips(clips, frames);

        var director = await UserIdAsync(services, DemoPeople.All[0].Email);
        var writer = services.GetRequiredService<RoomWriter>();
        var commands = services.GetRequiredService<ProjectCommands>();
        var project = new Project("Frame index", "Clips whose pixels spell their frame number", DateTime.UtcNow);
        await writer.CreateProjectAsync(project, director);
        foreach (var person in DemoPeople.All)
            await commands.AddMemberAsync(project.Id, director, await UserIdAsync(services, person.Email), person.Role, DateTime.UtcNow);
        var shotId = await commands.AddShotAsync(project.Id, director, "IDX", "", "");
        var store = services.GetRequiredService<IMediaStore>();
        var ffmpeg = services.GetRequiredService<FfmpegTools>();
        var takes = new Dictionary<string, Guid>();
        foreach (var rate in Rates)
        {
            var file = $"index_{rate.Replace('/', '_')}.mp4";
            var stored = await store.ImportAsync(Path.Combine(clips, file), $"index/{file}", CancellationToken.None);
            var probed = await ffmpeg.ProbeAsync(stored);
            if (probed.FrameRate != FrameRate.Parse(rate))
                throw new InvalidOperationException($"The {rate} clip probed as {probed.FrameRate}.");
            var take = await commands.AddTakeAsync(project.Id, shotId, director,
                new TakeMedia($"index/{file}", null, probed.FrameRate, probed.DurationFrames, probed.Width, probed.Height, probed.HasAudio),
                new GenerationInfo { Model = "ffmpeg geq", Prompt = $"frame index at {rate}" }, DateTime.UtcNow);
            takes[rate] = take.Id;
        }
        return new FrameIndexProject(project.Id, director, takes);
    }

    public static async Task<Guid> UserIdAsync(IServiceProvider services, string email)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewRoomUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    private static void MakeClips(string folder, int frames)
    {
        var root = Web.Hosting.ContentRoot.Locate();
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = root };
        foreach (var argument in new[] { Path.Combine(root, "src/ReviewRoom.Media/scripts/make-frame-index-clips.sh"), folder, frames.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Making the frame-index clips failed: {errors.Result}");
    }
}
