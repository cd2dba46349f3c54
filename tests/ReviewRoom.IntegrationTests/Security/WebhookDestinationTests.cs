using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Webhooks;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>Webhooks cannot be pointed inside the server's network, in any spelling of an address.</summary>
public sealed class WebhookDestinationTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private const string Secret = "whsec_test_secret_0123456789";

    [Theory]
    [InlineData("http://127.0.0.1:5180/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://2130706433/hook")] // 127.0.0.1 as one decimal number
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://0x7f.0.0.1/hook")]
    [InlineData("http://017700000001/hook")] // octal
    [InlineData("http://127.1/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://10.0.0.5:8080/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://0.0.0.0:22/")]
    [InlineData("https://user:pw@127.0.0.1:6379/")]
    public async Task AddingAReceiverOnAnInternalAddress_IsRefused(string url)
    {
        var director = await fixture.MemberAsync(ProjectRole.Director);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.App.Services.GetRequiredService<WebhookCommands>().AddAsync(director, DemoProject.Id, url, Secret, [WebhookEvents.TakeApproved]));

        Assert.Contains("internal addresses", refused.Message);
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Webhooks.AnyAsync());
    }

    [Fact]
    public async Task ReceiverAllowedWhenAddedButNotWhenDialled_IsRefusedAtConnectTime()
    {
        var settings = new WebhookOptions { AllowedInternalHosts = ["127.0.0.1"] };
        var destinations = new WebhookDestinations(new FixedOptions(settings));
        await destinations.CheckReceiverAsync(new Uri("http://127.0.0.1:9/hook"), CancellationToken.None);
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = destinations.ConnectAsync, UseProxy = false });

        // The operator takes the permission back (or DNS now answers differently): the dial itself refuses.
        settings.AllowedInternalHosts = [];
        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("http://127.0.0.1:9/hook", new StringContent("{}")));

        Assert.IsType<WebhookDestinationException>(failed.InnerException);
    }

    [Fact]
    public async Task WebhookEvents_CarryNoReceiverUrl()
    {
        var director = await fixture.MemberAsync(ProjectRole.Director);
        var commands = fixture.App.Services.GetRequiredService<WebhookCommands>();

        // A receiver on a public address (nothing is sent: no event it wants happens here).
        var hook = await commands.AddAsync(director, DemoProject.Id, "https://93.184.215.14/reviewroom?key=private-token", Secret, [WebhookEvents.ShotCircled]);
        await commands.SetActiveAsync(director, DemoProject.Id, hook.Id, false);
        await commands.RemoveAsync(director, DemoProject.Id, hook.Id);

        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var payloads = await db.RoomEvents.Where(e => e.Type.StartsWith("webhook.")).Select(e => e.PayloadJson).ToListAsync();
        Assert.Equal(3, payloads.Count);
        Assert.All(payloads, payload => Assert.DoesNotContain("private-token", payload));
        Assert.All(payloads, payload => Assert.DoesNotContain("93.184", payload));
    }

    private sealed class FixedOptions(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;

        public WebhookOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}
