using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Api;

/// <summary>A pipeline with a project token, as someone else would write it: plain HTTP, JSON and problem details.</summary>
public sealed class PipelineApiTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ReadToken_ListsProjectShotsAndTakes_ButCannotUpload()
    {
        using var client = await ClientWithTokenAsync(ApiTokenScope.Read);

        var projects = await client.GetFromJsonAsync<List<ApiProject>>("/api/v1/projects", Json);
        var shots = await client.GetFromJsonAsync<List<ApiShot>>($"/api/v1/projects/{DemoProject.Id}/shots", Json);
        var takes = await client.GetFromJsonAsync<List<ApiTake>>($"/api/v1/projects/{DemoProject.Id}/shots/{shots![0].Id}/takes", Json);
        using var upload = await client.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shots[0].Id}/takes", Multipart("h264.mp4", null));

        Assert.Equal(DemoProject.Id, Assert.Single(projects!).Id);
        Assert.Equal(["SH010", "SH020", "SH030", "SH040"], shots.Select(s => s.Code).Take(4));
        Assert.Equal("24000/1001", takes![0].FrameRate);
        Assert.Equal("original", takes[0].Generation.Relation);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Contains("read + ingest", (await ProblemAsync(upload)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task IngestToken_CreatesAShotAndUploadsATake_WhichBecomesPlayable()
    {
        using var client = await ClientWithTokenAsync(ApiTokenScope.ReadIngest);

        using var created = await client.PostAsJsonAsync($"/api/v1/projects/{DemoProject.Id}/shots", new { code = "SH900", sceneLabel = "Pipeline" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shot = (await created.Content.ReadFromJsonAsync<ApiShot>(Json))!;
        using var accepted = await client.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shot.Id}/takes",
            Multipart("ntsc-2997.mp4", """{"model":"kling-2","prompt":"market at dawn","seed":5,"parameters":{"steps":30},"credits":2}"""));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = (await accepted.Content.ReadFromJsonAsync<ApiJob>(Json))!;

        await Eventually.UntilAsync(async () =>
            (job = (await client.GetFromJsonAsync<ApiJob>(accepted.Headers.Location!.ToString(), Json))!).State is "succeeded" or "failed",
            "the job to finish", TimeSpan.FromSeconds(60));

        Assert.Equal("succeeded", job.State);
        var take = (await client.GetFromJsonAsync<ApiTake>($"/api/v1/takes/{job.TakeId}", Json))!;
        Assert.Equal(("30000/1001", 60L, "kling-2", 5L), (take.FrameRate, take.DurationFrames, take.Generation.Model, take.Generation.Seed!.Value));
        Assert.Equal(30, take.Generation.Parameters.GetProperty("steps").GetInt32());
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Null((await db.Takes.SingleAsync(t => t.Id == take.Id)).CreatedByUserId); // made by the pipeline, not a person

        // The pipeline can fetch what it uploaded, and what ReviewRoom made of it.
        Assert.Equal(await File.ReadAllBytesAsync(IngestSamples.PathOf("ntsc-2997.mp4")), await client.GetByteArrayAsync($"/api/v1/takes/{take.Id}/files/original"));
        using var poster = await client.GetAsync($"/api/v1/takes/{take.Id}/files/poster");
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        using var unknown = await client.GetAsync($"/api/v1/takes/{take.Id}/files/thumbnail");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Upload_WithBadGeneration_ListsTheFieldsToFix()
    {
        using var client = await ClientWithTokenAsync(ApiTokenScope.ReadIngest);
        var shot = (await client.GetFromJsonAsync<List<ApiShot>>($"/api/v1/projects/{DemoProject.Id}/shots", Json))![0];

        using var response = await client.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shot.Id}/takes",
            Multipart("h264.mp4", """{"model":"x","relation":"extend","credits":-1}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("generation.parentTakeId", out _));
        Assert.True(errors.TryGetProperty("generation.credits", out _));
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        var (secret, tokenId) = await MakeTokenAsync(ApiTokenScope.Read);
        using var client = Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/projects")).StatusCode);

        await fixture.App.Services.GetRequiredService<ApiTokenCommands>().RevokeAsync(await DirectorAsync(), DemoProject.Id, tokenId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task Token_ForAnotherProject_SeesNothing()
    {
        using var client = await ClientWithTokenAsync(ApiTokenScope.ReadIngest);

        using var response = await client.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/shots");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NoCredentials_Get401_AndPagesIgnoreTokens()
    {
        using var anonymous = fixture.App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/projects")).StatusCode);

        using var client = await ClientWithTokenAsync(ApiTokenScope.ReadIngest);
        using var page = await client.GetAsync($"/projects/{DemoProject.Id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode); // a token is not a sign-in for people's pages
    }

    [Fact]
    public async Task MakingATokenAsAWriter_IsRefused()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var writerId = await db.ProjectMembers.Where(m => m.ProjectId == DemoProject.Id && m.Role == ProjectRole.Writer).Select(m => m.UserId).FirstAsync();
        var writer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, writerId.ToString())], "test")).ToActor();

        await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() =>
            fixture.App.Services.GetRequiredService<ApiTokenCommands>().CreateAsync(writer, DemoProject.Id, "sneaky", ApiTokenScope.ReadIngest));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpointsAndTheBearerToken_AndTheDocsPageLoads()
    {
        using var anonymous = fixture.App.CreateClient();

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/openapi.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/projects/{projectId}/shots/{shotId}/takes", out var takes));
        Assert.True(takes.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/uploads", out _));
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("token").GetProperty("scheme").GetString());
        using var docs = await anonymous.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    private static MultipartFormDataContent Multipart(string sample, string? generation) => DemoAppFixture.TakeUpload(sample, generation);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<HttpClient> ClientWithTokenAsync(ApiTokenScope scope) => fixture.ClientWithTokenAsync(scope);

    private HttpClient Client(string secret) => fixture.TokenClient(secret);

    private Task<(string Secret, Guid TokenId)> MakeTokenAsync(ApiTokenScope scope) => fixture.MakeTokenAsync(scope);

    private Task<Actor> DirectorAsync() => fixture.MemberAsync(ProjectRole.Director);
}
