using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Generation;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Webhooks;

namespace ReviewRoom.IntegrationTests.Generation;

/// <summary>
/// The room asks for takes and the sample generator, a real program on a real port, answers through the signed webhook,
/// the pipeline API and the resumable upload; the takes come back knowing what they answer.
/// </summary>
public sealed class GenerationLoopTests : IAsyncLifetime
{
    private readonly ReviewRoomAppFactory _app = new(settings: new()
    {
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1",
    });
    private Uri _base = null!;

    public Task InitializeAsync()
    {
        _base = _app.StartOnFreePort();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARequest_IsAnsweredByTheSampleGenerator_TakesFillItsSlots_AndApprovingOneResolvesTheNotesItAnswered()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var vfxLead = await MemberAsync(ProjectRole.VfxLead);
        var parent = await TakeAsync("sh030_v001");
        var lantern = await Services<NoteCommands>().AddAsync(director, parent.Id, FrameRange.At(12), "The lantern should **glow** brighter", null);
        var door = await Services<NoteCommands>().AddAsync(director, parent.Id, new FrameRange(20, 30), "Door opens too fast", null);
        var (_, token) = await Services<ApiTokenCommands>().CreateAsync(director, DemoProject.Id, "sample-generator", ApiTokenScope.ReadIngest);
        await using var generator = await RunningSampleGenerator.StartAsync(_base, token);
        await Services<WebhookCommands>().AddAsync(director, DemoProject.Id, generator.Url.ToString(), RunningSampleGenerator.Secret, [WebhookEvents.GenerationRequested]);

        var requestId = await Services<GenerationCommands>().RequestAsync(director, new GenerationAsk(parent.Id, 2, TakeRelation.ReRoll,
            "Lighthouse keeper takes a brighter lantern", "blur", SeedChoice.List, "11, 22", """{"cfg_scale": 0.7}""", [lantern.Id]));

        GenerationRequestView? request = null;
        await Eventually.UntilAsync(async () => (request = await Services<GenerationQueries>().GetAsync(requestId))!.State == GenerationRequestState.Filled,
            "both requested takes made, uploaded and ingested", TimeSpan.FromSeconds(120));

        await using var db = await NewContextAsync();
        var made = await db.Takes.AsNoTracking().Where(t => t.Generation.RequestId == requestId).OrderBy(t => t.Version).ToListAsync();
        Assert.Equal(2, made.Count);
        Assert.All(made, take =>
        {
            Assert.Equal((parent.Id, TakeRelation.ReRoll, "Kling 2.1", 1.5m), (take.Generation.ParentTakeId!.Value, take.Generation.Relation, take.Generation.Model, take.Generation.CreditsSpent));
            Assert.Equal(parent.ShotId, take.ShotId);
            Assert.Equal("Lighthouse keeper takes a brighter lantern", take.Generation.Prompt);
            // Rendered at the parent's rate and length.
            Assert.Equal((parent.FrameRateNumerator, parent.FrameRateDenominator, parent.DurationFrames), (take.FrameRateNumerator, take.FrameRateDenominator, take.DurationFrames));
        });
        Assert.Equal([11L, 22L], made.Select(t => t.Generation.Seed!.Value).Order());
        Assert.Equal(made.Select(t => (Guid?)t.Id).Order(), request!.Slots.Select(s => s.TakeId).Order());
        var ingested = await EventsAsync<TakeIngested>(db);
        Assert.Equal(2, ingested.Count(e => e.RequestId == requestId));

        // The note knows what answers it; each take knows what it answers; the other note was not asked about.
        var answering = await Services<GenerationQueries>().GetAnsweringTakesAsync(parent.Id);
        Assert.Equal(made.Select(t => t.Id), answering[lantern.Id].Select(a => a.TakeId));
        Assert.False(answering.ContainsKey(door.Id));
        var answered = Assert.Single(await Services<GenerationQueries>().GetAnsweredByTakeAsync(made[0].Id));
        Assert.Equal((lantern.Id, parent.Id, 12L), (answered.NoteId, answered.ParentTakeId, answered.FrameIn));

        // Approval by both required roles resolves the answered note, by that take, as its own event after the decision.
        await Services<DecisionCommands>().DecideAsync(director, made[1].Id, DecisionKind.Approve, null, null);
        Assert.Null((await db.Notes.AsNoTracking().SingleAsync(n => n.Id == lantern.Id)).ResolvedAt);
        await Services<DecisionCommands>().DecideAsync(vfxLead, made[1].Id, DecisionKind.Approve, null, null);
        var resolved = await db.Notes.AsNoTracking().SingleAsync(n => n.Id == lantern.Id);
        Assert.Equal(made[1].Id, resolved.ResolvedByTakeId);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Null((await db.Notes.AsNoTracking().SingleAsync(n => n.Id == door.Id)).ResolvedAt);
        var tail = await db.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id).OrderByDescending(e => e.Sequence).Take(2).ToListAsync();
        Assert.Equal([RoomEventTypes.NoteResolved, RoomEventTypes.DecisionRecorded], tail.Select(e => e.Type));
        Assert.Equal(made[1].Id, RoomEventCatalog.ReadAs<NoteResolved>(tail[0])!.Note.ResolvedByTakeId);

        // Undo: reopening the note clears which take answered it.
        var reopened = await Services<NoteCommands>().ReopenAsync(director, lantern.Id);
        Assert.Null(reopened.ResolvedAt);
        Assert.Null(reopened.ResolvedByTakeId);
    }

    [Fact]
    public async Task ATakeWithMoreNotesThanSqliteTakesParameters_StillOpens()
    {
        // A long review: more threads than one SQL statement may have parameters (32,766 on SQLite).
        var director = await MemberAsync(ProjectRole.Director);
        var take = await TakeAsync("sh020_v001");
        await using (var db = await NewContextAsync())
        {
            var start = DateTime.UtcNow.AddDays(-1);
            db.Notes.AddRange(Enumerable.Range(0, 33_000).Select(i =>
                Note.Start(DemoProject.Id, take, director.UserId!.Value, ProjectRole.Director, FrameRange.At(i % take.DurationFrames), $"Note {i}", [], start.AddMilliseconds(i))));
            await db.SaveChangesAsync();
        }
        await using var person = await LivePerson.SignInAsync(_base, DemoPeople.All[0].Email, DemoPeople.Password);

        using var page = await person.Http.GetAsync($"/takes/{take.Id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(await Services<GenerationQueries>().GetAnsweringTakesAsync(take.Id));
    }

    [Fact]
    public async Task TheSampleGenerator_RefusesADeliveryNotSignedWithItsSecret()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var (_, token) = await Services<ApiTokenCommands>().CreateAsync(director, DemoProject.Id, "sample-generator", ApiTokenScope.ReadIngest);
        await using var generator = await RunningSampleGenerator.StartAsync(_base, token);
        using var http = new HttpClient { BaseAddress = generator.Url };
        var body = """{"type":"generation.requested","data":{}}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var signature in new[] { "", Webhook.Sign("whsec_some_other_secret_entirely", now, body), Webhook.Sign(RunningSampleGenerator.Secret, now - 3600, body), "t=1,v1=zz" })
        {
            using var content = new StringContent(body);
            content.Headers.Add("ReviewRoom-Signature", signature);
            content.Headers.Add("ReviewRoom-Event", "generation.requested");
            using var response = await http.PostAsync("/", content);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Requesting_IsForTheRolesThatApprove_AndRefusesBadInputInWords()
    {
        var writer = await MemberAsync(ProjectRole.Writer);
        var producer = await MemberAsync(ProjectRole.Producer);
        var parent = await TakeAsync("sh030_v001");
        GenerationAsk Ask(int count = 2, SeedChoice seeds = SeedChoice.New, string? list = null, string? parameters = null, TakeRelation relation = TakeRelation.Variation,
            IReadOnlyCollection<Guid>? notes = null) => new(parent.Id, count, relation, "prompt", null, seeds, list, parameters, notes ?? []);
        var commands = Services<GenerationCommands>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(writer, Ask()));
        Assert.Equal(DomainProblem.Forbidden, refused.Problem);
        Assert.Contains("between 1 and 8", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(count: 9)))).Message);
        Assert.Contains("one seed per take", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(seeds: SeedChoice.List, list: "1")))).Message);
        Assert.Contains("is not a seed", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(seeds: SeedChoice.List, list: "1, -2")))).Message);
        Assert.Contains("not valid JSON", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(parameters: "{steps: ")))).Message);
        Assert.Contains("JSON object", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(parameters: "[1,2]")))).Message);
        Assert.Contains("re-roll, extend or variation", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(relation: TakeRelation.Original)))).Message);
        Assert.Contains("open notes", (await Assert.ThrowsAsync<DomainException>(() => commands.RequestAsync(producer, Ask(notes: [Guid.NewGuid()])))).Message);

        // Keeping the seed repeats the parent's in every slot.
        var kept = await commands.RequestAsync(producer, Ask(count: 3, seeds: SeedChoice.Keep));
        Assert.All((await Services<GenerationQueries>().GetAsync(kept))!.Slots, slot => Assert.Equal(3141592L, slot.Seed));
    }

    [Fact]
    public async Task ThePipelineApi_ClaimsReportsAndFails_OneHolderAtATime_AndPeopleCancelOnlyUntilClaimed()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var parent = await TakeAsync("sh030_v001");
        var commands = Services<GenerationCommands>();
        using var first = await TokenClientAsync(director, "renderer-a", ApiTokenScope.ReadIngest);
        using var second = await TokenClientAsync(director, "renderer-b", ApiTokenScope.ReadIngest);
        using var reader = await TokenClientAsync(director, "dashboard", ApiTokenScope.Read);
        var requestId = await commands.RequestAsync(director, new GenerationAsk(parent.Id, 1, TakeRelation.ReRoll, "again", null, SeedChoice.New, null, null, []));
        var path = $"/api/v1/projects/{DemoProject.Id}/generation-requests";

        using (var listed = await first.GetAsync(path))
            Assert.Contains((await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId && r.GetProperty("state").GetString() == "open");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"{path}/{requestId}/claim", null)).StatusCode);
        using (var claimed = await first.PostAsync($"{path}/{requestId}/claim", null))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
            var body = await claimed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("claimed", "renderer-a"), (body.GetProperty("state").GetString(), body.GetProperty("claimedBy").GetString()));
        }
        using (var taken = await second.PostAsync($"{path}/{requestId}/claim", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
            Assert.Contains("renderer-a", await taken.Content.ReadAsStringAsync());
        }
        Assert.Contains("can no longer be cancelled", (await Assert.ThrowsAsync<DomainException>(() => commands.CancelAsync(director, requestId))).Message);

        Assert.Equal(HttpStatusCode.BadRequest, (await first.PostAsJsonAsync($"{path}/{requestId}/progress", new { progress = 1.5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsJsonAsync($"{path}/{requestId}/progress", new { progress = 0.5 })).StatusCode);
        using (var progressed = await first.PostAsJsonAsync($"{path}/{requestId}/progress", new { progress = 0.5, message = "denoising" }))
            Assert.Equal(0.5, (await progressed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("progress").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, (await first.PostAsJsonAsync($"{path}/{requestId}/fail", new { reason = " " })).StatusCode);
        using (var failed = await first.PostAsJsonAsync($"{path}/{requestId}/fail", new { reason = "Out of GPU memory" }))
            Assert.Equal("failed", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        using (var open = await first.GetAsync(path))
            Assert.DoesNotContain((await open.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId);
        using (var failedList = await first.GetAsync($"{path}?state=failed"))
            Assert.Contains((await failedList.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(), r => r.GetProperty("failureReason").GetString() == "Out of GPU memory");
        Assert.Equal(HttpStatusCode.BadRequest, (await first.GetAsync($"{path}?state=<script>")).StatusCode);

        // A request nobody has claimed can be cancelled; then no pipeline may take it, and no upload may name it.
        var second_request = await commands.RequestAsync(director, new GenerationAsk(parent.Id, 1, TakeRelation.ReRoll, "again", null, SeedChoice.New, null, null, []));
        await commands.CancelAsync(director, second_request);
        Assert.Equal(HttpStatusCode.Conflict, (await first.PostAsync($"{path}/{second_request}/claim", null)).StatusCode);
        using var upload = await new TusClient(first).CreateAsync(1000, new Dictionary<string, string>
        {
            ["filename"] = "late.mp4",
            ["projectId"] = DemoProject.Id.ToString(),
            ["shotId"] = parent.ShotId.ToString(),
            ["generation"] = JsonSerializer.Serialize(new { requestId = second_request }),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Contains("cancelled", await upload.Content.ReadAsStringAsync());

        await using var db = await NewContextAsync();
        var types = await db.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id && e.Type.StartsWith("generation.")).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync();
        Assert.Equal([RoomEventTypes.GenerationRequested, RoomEventTypes.GenerationClaimed, RoomEventTypes.GenerationProgressed, RoomEventTypes.GenerationFailed,
            RoomEventTypes.GenerationRequested, RoomEventTypes.GenerationCancelled], types);
    }

    [Fact]
    public async Task TheModelReportCsv_AgreesWithTheDatabase_AndIsOnlyForThoseWhoSeeTheProject()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var vfxLead = await MemberAsync(ProjectRole.VfxLead);
        var kling = await TakeAsync("sh030_v001");
        await Services<DecisionCommands>().DecideAsync(director, kling.Id, DecisionKind.Approve, null, null);
        await Services<DecisionCommands>().DecideAsync(vfxLead, kling.Id, DecisionKind.Approve, null, null);
        using var http = await TokenClientAsync(director, "finance", ApiTokenScope.Read);

        using var response = await http.GetAsync($"/api/v1/projects/{DemoProject.Id}/model-report.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        Assert.Equal("by", rows[0][0]);
        var row = rows.Single(r => r[0] == "model" && r[1] == "Kling 2.1");

        await using var db = await NewContextAsync();
        var takes = await db.Takes.AsNoTracking().Where(t => t.Generation.Model == "Kling 2.1").ToListAsync();
        var approvedSeconds = kling.FrameRate.SecondsAt(kling.DurationFrames);
        Assert.Equal(takes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), row[2]);
        Assert.Equal("1", row[3]);
        Assert.Equal(takes.Sum(t => t.Generation.CreditsSpent).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), row[7]);
        Assert.Equal(approvedSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), row[8]);
        Assert.Equal(decimal.Round(takes.Sum(t => t.Generation.CreditsSpent) / (decimal)approvedSeconds, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), row[9]);
        Assert.Equal("0", row[10]);

        using var stranger = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync($"/api/v1/projects/{DemoProject.Id}/model-report.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/model-report.csv")).StatusCode);
    }

    [Fact]
    public async Task ARequestOfOneProject_CannotBeReachedThroughAnother()
    {
        var director = await MemberAsync(ProjectRole.Director);
        var parent = await TakeAsync("sh030_v001");
        var requestId = await Services<GenerationCommands>().RequestAsync(director, new GenerationAsk(parent.Id, 1, TakeRelation.ReRoll, "again", null, SeedChoice.New, null, null, []));
        var other = await Services<ReviewRoom.Web.Features.Projects.ProjectCommands>().CreateProjectAsync(director, "Elsewhere", "");
        var (_, secret) = await Services<ApiTokenCommands>().CreateAsync(director, other, "elsewhere", ApiTokenScope.ReadIngest);
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        // Its own project's address with the other project's request, and the other project's address: neither works.
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/v1/projects/{other}/generation-requests/{requestId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"/api/v1/projects/{DemoProject.Id}/generation-requests/{requestId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/projects/{other}/generation-requests/{requestId}")).StatusCode);
        Assert.Equal(GenerationRequestState.Open, (await Services<GenerationQueries>().GetAsync(requestId))!.State);
    }

    private async Task<HttpClient> TokenClientAsync(Actor owner, string name, ApiTokenScope scope)
    {
        var (_, secret) = await Services<ApiTokenCommands>().CreateAsync(owner, DemoProject.Id, name, scope);
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    private static async Task<List<T>> EventsAsync<T>(ReviewRoomDbContext db) where T : class, IRoomEvent =>
        (await db.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id).OrderBy(e => e.Sequence).ToListAsync())
            .Select(RoomEventCatalog.ReadAs<T>).OfType<T>().ToList();

    private T Services<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    private Task<ReviewRoomDbContext> NewContextAsync() => Services<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();

    private async Task<Take> TakeAsync(string clip)
    {
        await using var db = await NewContextAsync();
        return await db.Takes.AsNoTracking().SingleAsync(t => t.MediaPath == DemoProject.MediaPathOf(clip));
    }

    private Task<Actor> MemberAsync(ProjectRole role) => _app.DemoMemberAsync(role);
}

/// <summary>Requests whose time runs out: with short limits, the sweep gives each a state a person can read.</summary>
public sealed class GenerationTimeTests : IDisposable
{
    private readonly ReviewRoomAppFactory _app = new(settings: new()
    {
        ["Generation:ClaimWithin"] = "00:00:02",
        ["Generation:Lease"] = "00:00:02",
        ["Generation:SweepInterval"] = "00:00:00.100",
    });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnUnclaimedRequest_TimesOut_AndALapsedClaim_WaitsForAPipelineAgain()
    {
        _app.CreateClient().Dispose();
        var services = _app.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var director = await _app.DemoMemberAsync(ProjectRole.Director);
        var parentId = await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh030_v001")).Select(t => t.Id).SingleAsync();
        var commands = services.GetRequiredService<GenerationCommands>();
        var queries = services.GetRequiredService<GenerationQueries>();
        var ask = new GenerationAsk(parentId, 1, TakeRelation.ReRoll, "again", null, SeedChoice.New, null, null, []);

        var ignored = await commands.RequestAsync(director, ask);
        var dropped = await commands.RequestAsync(director, ask);
        var pipeline = new Actor.Pipeline(Guid.NewGuid(), DemoProject.Id, "flaky-renderer", ApiTokenScope.ReadIngest);
        await commands.ClaimAsync(pipeline, DemoProject.Id, dropped);

        await Eventually.UntilAsync(async () => (await queries.GetAsync(ignored))!.State == GenerationRequestState.TimedOut, "the unclaimed request timed out");
        await Eventually.UntilAsync(async () => (await db.RoomEvents.AsNoTracking().Where(e => e.Type == RoomEventTypes.GenerationReleased).ToListAsync())
            .Select(RoomEventCatalog.ReadAs<GenerationReleased>).Any(e => e!.RequestId == dropped), "the lapsed claim released");
        var reopened = (await queries.GetAsync(dropped))!;
        Assert.True(reopened.State is GenerationRequestState.Open or GenerationRequestState.TimedOut, $"released to open (and perhaps timed out since): {reopened.State}");
        Assert.Null(reopened.ClaimedBy);
        var timedOut = (await db.RoomEvents.AsNoTracking().Where(e => e.Type == RoomEventTypes.GenerationTimedOut).ToListAsync()).Select(RoomEventCatalog.ReadAs<GenerationTimedOut>);
        Assert.Contains(timedOut, e => e!.RequestId == ignored);
        Assert.Contains("timed out", (await Assert.ThrowsAsync<DomainException>(() => commands.ClaimAsync(pipeline, DemoProject.Id, ignored))).Message);
    }
}
