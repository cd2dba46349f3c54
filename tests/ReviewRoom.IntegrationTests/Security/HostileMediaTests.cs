using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewRoom.Core.Integrations;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>Uploaded bytes are hostile: what a file is called never decides how it is stored or served.</summary>
public sealed class HostileMediaTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("lookdev.html")]
    [InlineData("../../wwwroot/index.svg")]
    [InlineData("take.xhtml")]
    public async Task VideoUploadedUnderAPageName_IsStoredAndServedOnlyAsVideo(string fileName)
    {
        using var pipeline = await fixture.ClientWithTokenAsync(ApiTokenScope.ReadIngest);
        var shot = (await pipeline.GetFromJsonAsync<List<ApiShot>>($"/api/v1/projects/{DemoProject.Id}/shots", Json))![0];
        using var accepted = await pipeline.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shot.Id}/takes", DemoAppFixture.TakeUpload("h264.mp4", null, fileName));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = (await accepted.Content.ReadFromJsonAsync<ApiJob>(Json))!;
        await Eventually.UntilAsync(async () =>
            (job = (await pipeline.GetFromJsonAsync<ApiJob>(accepted.Headers.Location!.ToString(), Json))!).State is "succeeded" or "failed",
            "the job to finish", TimeSpan.FromSeconds(60));
        Assert.Equal("succeeded", job.State);

        using var person = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[1].Email, DemoPeople.Password);
        using var video = await person.GetAsync($"/media/takes/{job.TakeId}/video");
        using var original = await person.GetAsync($"/media/takes/{job.TakeId}/original");
        using var apiOriginal = await pipeline.GetAsync($"/api/v1/takes/{job.TakeId}/files/original");

        Assert.Equal("video/mp4", video.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", Assert.Single(video.Headers.GetValues("X-Content-Type-Options")));
        foreach (var download in new[] { original, apiOriginal })
        {
            Assert.Equal("video/mp4", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.EndsWith(".mp4", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        }
        // On disk the server chose every name: nothing the uploader typed became a path.
        var stored = Directory.EnumerateFiles(fixture.App.MediaFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(stored, name => name!.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith(".xhtml", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlaylistUpload_IsRefusedWithAReasonThatNamesNoServerPath()
    {
        using var pipeline = await fixture.ClientWithTokenAsync(ApiTokenScope.ReadIngest);
        var shot = (await pipeline.GetFromJsonAsync<List<ApiShot>>($"/api/v1/projects/{DemoProject.Id}/shots", Json))![0];
        var target = Directory.EnumerateFiles(fixture.App.MediaFolder, "*.mp4", SearchOption.AllDirectories).First();
        var form = new MultipartFormDataContent
        {
            { new StringContent($"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile://{target}\n#EXT-X-ENDLIST\n"), "file", "steal.m3u8" },
        };

        using var accepted = await pipeline.PostAsync($"/api/v1/projects/{DemoProject.Id}/shots/{shot.Id}/takes", form);
        var job = (await accepted.Content.ReadFromJsonAsync<ApiJob>(Json))!;
        await Eventually.UntilAsync(async () =>
            (job = (await pipeline.GetFromJsonAsync<ApiJob>(accepted.Headers.Location!.ToString(), Json))!).State is "succeeded" or "failed",
            "the job to finish", TimeSpan.FromSeconds(60));

        Assert.Equal("failed", job.State);
        Assert.Contains("text file", job.Error);
        Assert.DoesNotContain(fixture.App.DataFolder, job.Error);
        Assert.DoesNotContain(Path.GetTempPath(), job.Error);
    }
}
