using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Demo;

/// <summary>
/// Fills a demo installation with people and a project. It runs on every start and only adds what
/// is missing, so a second start changes nothing; the project is written through the room-event
/// pipeline like any other change.
/// </summary>
internal sealed class DemoSeeder(
    IServiceScopeFactory scopeFactory,
    IOptions<DemoOptions> options,
    IWebHostEnvironment environment,
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    MediaPipeline pipeline,
    IMediaStore mediaStore,
    RoomWriter writer,
    ProjectCommands commands,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;

        var people = await EnsurePeopleAsync();
        bool seeded;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            seeded = await db.Projects.AnyAsync(p => p.Id == DemoProject.Id, cancellationToken);
        var clips = await ImportClipsAsync(prepareAll: !seeded, cancellationToken);
        if (seeded)
            return;

        logger.LogInformation("Seeding the demo project '{Name}'", DemoProject.Name);
        await SeedProjectAsync(people, clips, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Dictionary<ProjectRole, Guid>> EnsurePeopleAsync()
    {
        using var scope = scopeFactory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewRoomUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var ids = new Dictionary<ProjectRole, Guid>();
        foreach (var person in DemoPeople.All)
        {
            var user = await users.FindByEmailAsync(person.Email);
            if (user is null)
            {
                var (created, errors) = await accounts.CreateAsync(person.DisplayName, person.Email, DemoPeople.Password, admin: false);
                user = created ?? throw new InvalidOperationException($"Could not create demo person {person.Email}: {string.Join(" ", errors)}");
            }
            ids[person.Role] = user.Id;
        }
        return ids;
    }

    /// <summary>
    /// Copies clips into the media store (again, if someone emptied it) and prepares them the way ingest
    /// prepares an upload: poster, filmstrip, waveform. Returns the media of each prepared clip.
    /// </summary>
    private async Task<Dictionary<string, TakeMedia>> ImportClipsAsync(bool prepareAll, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(environment.WebRootPath, options.Value.ClipsFolder);
        var result = new System.Collections.Concurrent.ConcurrentDictionary<string, TakeMedia>();
        var clips = DemoProject.Shots.SelectMany(s => s.Takes).Select(t => t.Clip).ToList();
        // One ffmpeg per core: preparing ten clips one after another would hold up the first start by seconds.
        await Parallel.ForEachAsync(clips, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (clip, ct) =>
        {
            var source = Path.Combine(folder, clip + ".mp4");
            if (!File.Exists(source))
                throw new InvalidOperationException($"The demo clip '{source}' is missing; run src/ReviewRoom.Media/scripts/make-demo-clips.sh.");
            var mediaPath = DemoProject.MediaPathOf(clip);
            var stored = mediaStore.Resolve(mediaPath)!;
            if (!File.Exists(stored) || new FileInfo(stored).Length != new FileInfo(source).Length)
                await mediaStore.ImportAsync(source, mediaPath, ct);
            if (!prepareAll && File.Exists(mediaStore.Resolve($"demo/{clip}/filmstrip.jpg")))
                return;
            var manifest = mediaStore.Resolve($"demo/{clip}/prepared.json")!;
            if (await ReadPreparedAsync(manifest, ct) is { } kept)
            {
                result[clip] = kept;
                return;
            }
            var prepared = await pipeline.PrepareAsync(mediaPath, null, ct);
            result[clip] = prepared.ToTakeMedia(clip + ".mp4", new FileInfo(stored).Length);
            await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(result[clip], ManifestJson), ct);
        });
        return new Dictionary<string, TakeMedia>(result);
    }

    private static readonly JsonSerializerOptions ManifestJson = new() { Converters = { new FrameRateAsText() } };

    /// <summary>A rate as "24000/1001": the struct has no setters for the serializer to fill.</summary>
    private sealed class FrameRateAsText : System.Text.Json.Serialization.JsonConverter<Core.Time.FrameRate>
    {
        public override Core.Time.FrameRate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Core.Time.FrameRate.TryParse(reader.GetString(), out var rate, out var error) ? rate : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, Core.Time.FrameRate value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    /// <summary>
    /// What an earlier start prepared for a clip, when every file it names is still in the store: a database reset over
    /// a kept media folder starts at once instead of running ffmpeg over every clip again.
    /// </summary>
    private async Task<TakeMedia?> ReadPreparedAsync(string manifest, CancellationToken ct)
    {
        if (!File.Exists(manifest))
            return null;
        try
        {
            var media = JsonSerializer.Deserialize<TakeMedia>(await File.ReadAllTextAsync(manifest, ct), ManifestJson);
            string?[] files = [media?.Path, media?.PosterPath, media?.Filmstrip?.Path, media?.WaveformPath, media?.Original?.Path];
            return media is not null && media.Filmstrip is not null && media.Original is not null
                && files.All(f => f is null || (mediaStore.Resolve(f) is { } full && File.Exists(full))) ? media : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task SeedProjectAsync(
        Dictionary<ProjectRole, Guid> people,
        Dictionary<string, TakeMedia> clips,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var director = people[ProjectRole.Director];
        await writer.CreateProjectAsync(new Project(DemoProject.Id, DemoProject.Name, DemoProject.Description, now.AddDays(-3)), director, cancellationToken);
        foreach (var (role, userId) in people)
            await commands.AddMemberAsync(DemoProject.Id, director, userId, role, now.AddDays(-3), cancellationToken);

        foreach (var demoShot in DemoProject.Shots)
        {
            var shotId = await commands.AddShotAsync(DemoProject.Id, director, demoShot.Code, demoShot.SceneLabel, demoShot.Description, cancellationToken);
            var takeIds = new Dictionary<int, Guid>();
            foreach (var demoTake in demoShot.Takes)
            {
                var generation = new GenerationInfo
                {
                    Model = demoTake.Model,
                    Prompt = demoTake.Prompt,
                    NegativePrompt = demoTake.NegativePrompt,
                    Seed = demoTake.Seed,
                    ParametersJson = demoTake.ParametersJson,
                    ParentTakeId = demoTake.ParentVersion is { } parent ? takeIds[parent] : null,
                    Relation = demoTake.Relation,
                    CreditsSpent = demoTake.Credits,
                };
                var take = await commands.AddTakeAsync(DemoProject.Id, shotId, people[demoTake.MadeBy], clips[demoTake.Clip], generation,
                    now.AddHours(-demoTake.HoursAgo), cancellationToken);
                takeIds[take.Version] = take.Id;
            }
        }
    }
}
