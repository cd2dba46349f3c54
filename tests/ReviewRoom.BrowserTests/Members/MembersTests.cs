using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Members;

/// <summary>Bringing people in and changing their part, seen live by the person it happens to.</summary>
public class MembersTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DirectorInvitesAWriter_WhoJoins_ThenDemotionAndRemovalReachTheirOpenPagesLive()
    {
        var director = await fixture.SignInAsync("director");
        await director.GotoAsync($"/projects/{ReviewRoom.Web.Features.Demo.DemoProject.Id}/people");
        await BrowserFixture.WaitUntilInteractiveAsync(director);

        // The director makes a one-person link for a writer.
        await director.Locator("input[data-testid=invite-note], [data-testid=invite-note] input").FillAsync("Wren, writer");
        await director.GetByTestId("invite-role").SelectOptionAsync("Writer");
        await director.GetByTestId("invite-create").ClickAsync();
        var link = await director.GetByTestId("invite-link").TextContentAsync();
        Assert.Matches("/invite/inv_[A-Za-z0-9_-]{40,}$", link);
        var invitation = director.GetByTestId("invitation-row").Filter(new() { HasText = "Wren, writer" });
        await Expect(invitation).ToContainTextAsync("Nobody yet");

        // Wren, with no account, opens it in her own browser and makes one.
        var wren = await fixture.NewPageAsync();
        await wren.GotoAsync(link!);
        await Expect(wren.GetByTestId("invitation-project")).ToContainTextAsync("Night Market");
        await Expect(wren.GetByTestId("invitation-role")).ToHaveTextAsync("Writer");
        await wren.Locator("#invite-name").FillAsync("Wren Adeyemi");
        await wren.Locator("#invite-email").FillAsync("wren@studio.test");
        await wren.Locator("#invite-password").FillAsync("a long password");
        await wren.Locator("#invite-confirm").FillAsync("a long password");
        await wren.GetByTestId("invitation-create-account").ClickAsync();
        await Expect(wren).ToHaveURLAsync(new Regex($"/projects/{ReviewRoom.Web.Features.Demo.DemoProject.Id}$"));
        await BrowserFixture.WaitUntilInteractiveAsync(wren);
        await Expect(wren.GetByText("You: Writer")).ToBeVisibleAsync();

        // The director's list shows who joined, without a reload.
        await Expect(invitation.GetByTestId("invitation-joined")).ToHaveTextAsync("Wren Adeyemi");
        await Expect(invitation).ToContainTextAsync("Used");
        var wrenRow = director.GetByTestId("member-row").Filter(new() { HasText = "Wren Adeyemi" });
        await Expect(wrenRow).ToBeVisibleAsync();

        // Wren opens a take and can write notes.
        await wren.Locator("[data-testid=take-card]").First.ClickAsync();
        await Expect(wren.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(wren.GetByTestId("composer")).ToBeVisibleAsync();

        // Demoted to viewer: her note box goes away while she watches.
        await wrenRow.GetByTestId("member-role").SelectOptionAsync("Viewer");
        await Expect(wren.GetByTestId("composer")).ToHaveCountAsync(0);

        // Removed: her open take page leaves the project within seconds.
        await wrenRow.GetByTestId("member-remove").ClickAsync();
        await wrenRow.GetByTestId("member-remove-confirm").ClickAsync();
        await Expect(wren).ToHaveURLAsync(new Regex("/no-longer-a-member$"));
        await Expect(wren.GetByTestId("empty-state")).ToContainTextAsync("no longer a member");
        await Expect(director.GetByTestId("member-row").Filter(new() { HasText = "Wren Adeyemi" })).ToHaveCountAsync(0);

        // Going back to the board shows nothing of the project.
        await wren.GotoAsync($"/projects/{ReviewRoom.Web.Features.Demo.DemoProject.Id}");
        await Expect(wren.GetByTestId("empty-state")).ToContainTextAsync("Project not found");
    }

    [Fact]
    public async Task UsedOrWithdrawnInvitation_GivesAClearPage()
    {
        var director = await fixture.SignInAsync("producer");
        await director.GotoAsync($"/projects/{ReviewRoom.Web.Features.Demo.DemoProject.Id}/people");
        await BrowserFixture.WaitUntilInteractiveAsync(director);
        await director.GetByTestId("invite-create").ClickAsync();
        var link = await director.GetByTestId("invite-link").TextContentAsync();
        await director.GetByTestId("invitation-row").First.GetByTestId("invite-revoke").ClickAsync();
        await Expect(director.GetByTestId("invitation-row").First).ToContainTextAsync("Withdrawn");

        var stranger = await fixture.NewPageAsync();
        await stranger.GotoAsync(link!);
        await Expect(stranger.GetByTestId("invitation-problem")).ToContainTextAsync("withdrawn");
        await stranger.GotoAsync("/invite/inv_notarealinvitationatall");
        await Expect(stranger.GetByTestId("invitation-problem")).ToContainTextAsync("whole link");
    }
}
