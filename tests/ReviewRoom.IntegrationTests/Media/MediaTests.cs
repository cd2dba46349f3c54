using System.Net;
using System.Net.Http.Headers;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Media;

public class MediaTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<(HttpClient Client, Guid TakeId, byte[] File)> SignInWithFirstTakeAsync(int person)
    {
        var client = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[person].Email, DemoPeople.Password);
        var takeId = await fixture.FirstTakeIdAsync();
        var file = await File.ReadAllBytesAsync(Path.Combine(fixture.App.MediaFolder, ReviewRoom.Web.Features.Demo.DemoProject.MediaPathOf("sh010_v001")));
        return (client, takeId, file);
    }

    [Fact]
    public async Task Video_RangeRequest_Returns206WithExactlyThoseBytes()
    {
        var (client, takeId, file) = await SignInWithFirstTakeAsync(1);
        using var _ = client;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/takes/{takeId}/video");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"bytes 1000-1999/{file.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(file[1000..2000], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Video_OpenEndedRange_ReturnsTheTail()
    {
        var (client, takeId, file) = await SignInWithFirstTakeAsync(4);
        using var _ = client;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/media/takes/{takeId}/video");
        request.Headers.Range = new RangeHeaderValue(file.Length - 100, null);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(file[^100..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Video_WithoutRange_AdvertisesRangeSupport()
    {
        using var client = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        var takeId = await fixture.FirstTakeIdAsync();

        using var response = await client.GetAsync($"/media/takes/{takeId}/video");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
    }

    [Fact]
    public async Task Poster_ForAMember_IsAJpeg()
    {
        using var client = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);
        var takeId = await fixture.FirstTakeIdAsync();

        using var response = await client.GetAsync($"/media/takes/{takeId}/poster");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
    }

    [Fact]
    public async Task Video_UnknownTake_Is404()
    {
        using var client = await fixture.App.CreateSignedInClientAsync(DemoPeople.All[0].Email, DemoPeople.Password);

        using var response = await client.GetAsync($"/media/takes/{Guid.NewGuid()}/video");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsDatabaseAndFfmpegHealthy()
    {
        using var client = fixture.App.CreateClient();

        var health = await client.GetStringAsync("/health");

        Assert.Contains("\"status\":\"Healthy\"", health);
        Assert.Contains("\"database\"", health);
        Assert.Contains("\"ffmpeg\"", health);
        Assert.Equal("Healthy", await client.GetStringAsync("/alive"));
    }
}
