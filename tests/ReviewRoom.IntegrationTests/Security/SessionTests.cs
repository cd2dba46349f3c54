using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Data.Identity;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>Signing out ends the session on the server; an ended or disabled session loses its live connections within a minute.</summary>
public sealed class SessionTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private static readonly TimeSpan WithinAMinute = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SignOut_MakesEveryCopyOfTheCookieUseless()
    {
        await using var person = await fixture.SignInAsync(1);
        using var copy = CookieClient(person.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync($"/api/v1/projects/{DemoProject.Id}/shots")).StatusCode);

        using var signOut = await person.Http.DeleteAsync("/api/session");
        using var afterwards = await copy.GetAsync($"/api/v1/projects/{DemoProject.Id}/shots");
        using var page = await copy.GetAsync($"/projects/{DemoProject.Id}");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/signin", page.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AfterTheStampCheckRebuildsThePrincipal_NewHubConnectionsStaySignedIn()
    {
        await using var person = await fixture.SignInAsync(4);
        await WithTheStampCheckedOnEveryRequestAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync($"/api/v1/projects/{DemoProject.Id}/shots")).StatusCode);
            await using var hub = person.CreateHubConnection();
            await hub.StartAsync();

            var sweeper = fixture.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ReviewRoom.Web.Features.Account.HubSessionSweeper>().Single();
            await sweeper.SweepAsync(CancellationToken.None);

            await hub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
            Assert.Equal(HubConnectionState.Connected, hub.State);
        });
    }

    [Fact]
    public async Task AChangedSecurityStamp_IsRefusedAtTheNextCheck()
    {
        await using var person = await fixture.SignInAsync(0);
        await WithTheStampCheckedOnEveryRequestAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await person.Http.GetAsync($"/api/v1/projects/{DemoProject.Id}/shots")).StatusCode);
            using (var scope = fixture.App.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewRoomUser>>();
                await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(DemoPeople.All[0].Email))!);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await person.Http.GetAsync($"/api/v1/projects/{DemoProject.Id}/shots")).StatusCode);
        });
    }

    /// <summary>Every request checks the stamp and rebuilds the principal, as the first request after each minute does.</summary>
    private async Task WithTheStampCheckedOnEveryRequestAsync(Func<Task> body)
    {
        var stampCheck = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var interval = stampCheck.ValidationInterval;
        stampCheck.ValidationInterval = TimeSpan.Zero;
        try
        {
            await body();
        }
        finally
        {
            stampCheck.ValidationInterval = interval;
        }
    }

    [Fact]
    public async Task SignOutElsewhere_ClosesTheOpenHubConnection()
    {
        await using var person = await fixture.SignInAsync(2);
        await using var hub = person.CreateHubConnection();
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);

        using var copy = CookieClient(person.CookieHeader);
        await copy.DeleteAsync("/api/session");

        await closed.Task.WaitAsync(WithinAMinute);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task DisabledPerson_LosesTheirHubConnection()
    {
        await using var person = await fixture.SignInAsync(3);
        await using var hub = person.CreateHubConnection();
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();

        using (var scope = fixture.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewRoomUser>>();
            var user = (await users.FindByEmailAsync(DemoPeople.All[3].Email))!;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }

        try
        {
            await closed.Task.WaitAsync(WithinAMinute);
            Assert.Equal(HubConnectionState.Disconnected, hub.State);
            await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.SignInAsync(3));
        }
        finally
        {
            using var scope = fixture.App.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewRoomUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(DemoPeople.All[3].Email))!, null);
        }
    }

    private HttpClient CookieClient(string cookieHeader)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }
}
