using ReviewRoom.TestHost;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Members;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Layout;

/// <summary>Every page on a phone (390 CSS pixels wide): usable without scrolling sideways, for each kind of visitor.</summary>
public class PhoneWidthTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly Uri Site = new("http://reviewroom.test/");

    [Fact]
    public async Task EveryPage_FitsAPhone_ForMembersAdministratorsStrangersAndGuests()
    {
        var problems = new List<string>();
        var (takeIds, director) = await DemoAsync();

        // Someone not signed in: sign-in, an invitation, a password link, a review link.
        var invitation = await fixture.App.Services.GetRequiredService<MemberCommands>()
            .InviteAsync(director, DemoProject.Id, ProjectRole.Writer, "Phone", TimeSpan.FromDays(1), singleUse: true);
        var review = await fixture.App.Services.GetRequiredService<ReviewLinkCommands>()
            .CreateAsync(director, DemoProject.Id, [], [takeIds[0]], GuestAccess.Comment, "Phone", TimeSpan.FromDays(1), null, Site);
        var reviewPath = new Uri(review.Link).AbsolutePath;
        var stranger = await fixture.NewPageAsync(Phone);
        foreach (var path in new[] { "/account/signin", $"/invite/{invitation.Secret}", "/account/reset-password", reviewPath, "/review-ended" })
            await CheckAsync(stranger, path, interactive: false, problems);

        // A member (the director), on every page of the project.
        var member = await fixture.SignInAsync("director", Phone);
        foreach (var path in new[]
                 {
                     "/", $"/projects/{DemoProject.Id}", $"/takes/{takeIds[0]}", $"/compare/{takeIds[0]}/{takeIds[1]}",
                     $"/projects/{DemoProject.Id}/activity", $"/projects/{DemoProject.Id}/integrations", $"/projects/{DemoProject.Id}/people",
                     "/inbox", "/no-longer-a-member", "/not-found",
                 })
            await CheckAsync(member, path, interactive: true, problems);
        await CheckAsync(member, "/api/docs", interactive: false, problems);

        // An administrator, on the administration page.
        var admin = await AdministratorAsync();
        await CheckAsync(admin, "/admin", interactive: true, problems);

        // A guest, on their review and its take.
        var guest = await fixture.NewPageAsync(Phone);
        await guest.GotoAsync(reviewPath);
        await guest.GetByTestId("guest-name").FillAsync("Phone Guest");
        await guest.GetByTestId("guest-enter").ClickAsync();
        await Expect(guest.GetByTestId("guest-shot")).ToHaveCountAsync(1);
        foreach (var path in new[] { "/review", $"/takes/{takeIds[0]}", $"/projects/{DemoProject.Id}" })
            await CheckAsync(guest, path, interactive: true, problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Opens a page and records it when the document is wider than the phone.</summary>
    private static async Task CheckAsync(IPage page, string path, bool interactive, List<string> problems)
    {
        await page.GotoAsync(path);
        if (interactive)
            await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width > Phone.Width)
            problems.Add($"{path} is {width} px wide at {Phone.Width} px");
    }

    private async Task<(IReadOnlyList<Guid> TakeIds, Actor Director)> DemoAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var takeIds = await (from take in db.Takes
                             join shot in db.Shots on take.ShotId equals shot.Id
                             where shot.ProjectId == DemoProject.Id
                             orderby shot.Order, take.Version
                             select take.Id).Take(2).ToListAsync();
        return (takeIds, await fixture.App.DemoMemberAsync(ProjectRole.Director));
    }

    private async Task<IPage> AdministratorAsync()
    {
        const string email = "phone-admin@studio.test", password = "a long admin password";
        using (var scope = fixture.App.Services.CreateScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("Ada Admin", email, password, admin: true);
            Assert.True(user is not null, string.Join(" ", errors));
        }
        var page = await fixture.NewPageAsync(Phone);
        await page.GotoAsync("/account/signin");
        await page.Locator("#signin-email").FillAsync(email);
        await page.Locator("#signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        return page;
    }
}
