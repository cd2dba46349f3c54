using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewRoom.Data;
using ReviewRoom.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Members;

/// <summary>A remote reviewer without an account, on a review link: what they can do, what they cannot see, and when it ends.</summary>
public class GuestReviewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GuestNotesAFrame_TheDirectorSeesItLiveAsGuest_AndTheGuestSeesNothingElse_UntilTheLinkIsWithdrawn()
    {
        // The director shares shot SH010 from the board.
        var director = await fixture.SignInAsync("director");
        await director.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(director);
        var otherShotTake = await director.Locator("[data-shot-code=SH020] [data-testid=take-card]").First.GetAttributeAsync("href");
        var link = await ShareShotAsync(director, "SH010", "Remote director");

        // The guest opens it, types a name, and lands on the shared takes only.
        var guest = await fixture.NewPageAsync();
        await guest.GotoAsync(link);
        await Expect(guest.GetByTestId("review-link-project")).ToContainTextAsync("Night Market");
        await guest.GetByTestId("guest-name").FillAsync("Ana Ruiz");
        await guest.GetByTestId("guest-enter").ClickAsync();
        await Expect(guest).ToHaveURLAsync(new Regex("/review$"));
        await BrowserFixture.WaitUntilInteractiveAsync(guest);
        await Expect(guest.GetByTestId("guest-shot")).ToHaveCountAsync(1);
        await Expect(guest.GetByTestId("guest-shot")).ToContainTextAsync("SH010");
        await Expect(guest.GetByTestId("guest-badge")).ToBeVisibleAsync();

        // The director watches the take the guest will note.
        var directorOnTake = await fixture.OpenTakeAsync("director", "SH010", 0);

        // The guest opens that take: their name is over the picture; they note frame 12.
        await guest.GetByTestId("take-card").First.ClickAsync();
        await Expect(guest.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(guest.GetByTestId("watermark")).ToContainTextAsync("Ana Ruiz (guest)");
        await Expect(guest.GetByTestId("vote")).ToHaveCountAsync(0);
        await Expect(guest.GetByTestId("presence")).ToHaveCountAsync(0);
        for (var i = 0; i < 12; i++)
            await guest.Keyboard.PressAsync("ArrowRight");
        await Expect(guest.GetByTestId("frame-number")).ToHaveTextAsync("12");
        await guest.Keyboard.PressAsync("n");
        await Expect(guest.GetByTestId("composer")).ToBeFocusedAsync();
        await guest.Keyboard.TypeAsync("The rooftop light flickers here");
        await guest.GetByTestId("composer-send").ClickAsync();
        await Expect(guest.GetByTestId("composer")).ToHaveValueAsync("");

        // The director sees it arrive, marked as a guest's, at its frame.
        var note = directorOnTake.GetByTestId("note").Filter(new() { HasText = "rooftop light flickers" });
        await Expect(note.GetByTestId("note-author")).ToHaveTextAsync("Ana Ruiz (guest)");
        await Expect(note.GetByTestId("note-timecode")).ToHaveTextAsync("00:00:00:12");
        await Expect(directorOnTake.Locator("[data-testid=note-marker][data-frame='12']")).ToHaveCountAsync(1);

        // The guest asks for changes: the director sees it, marked as not counted under the default rules.
        await guest.GetByTestId("decide-needschanges").ClickAsync();
        await Expect(directorOnTake.GetByTestId("decision-list")).ToContainTextAsync("Ana Ruiz (guest)");
        await Expect(directorOnTake.GetByTestId("decision-not-counted")).ToBeVisibleAsync();

        // Nothing else of the project opens for the guest: the board, another shot's take, the API.
        await guest.GotoAsync($"/projects/{DemoProject.Id}");
        await Expect(guest.GetByTestId("back-to-review")).ToBeVisibleAsync();
        await Expect(guest.GetByTestId("shot")).ToHaveCountAsync(0);
        await guest.GotoAsync(otherShotTake!);
        await Expect(guest.GetByTestId("empty-state")).ToContainTextAsync("Not part of your review");
        await Expect(guest.GetByTestId("player")).ToHaveCountAsync(0);
        var api = await guest.APIRequest.GetAsync("/api/v1/projects");
        Assert.InRange(api.Status, 401, 404);
        var otherMedia = await guest.APIRequest.GetAsync(otherShotTake!.Replace("/takes/", "/media/takes/") + "/poster");
        Assert.Equal(404, otherMedia.Status);

        // The guest goes back to the shared take; the director withdraws the link and the guest's page closes.
        await guest.GotoAsync("/review");
        await BrowserFixture.WaitUntilInteractiveAsync(guest);
        await guest.GetByTestId("take-card").First.ClickAsync();
        await Expect(guest.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await director.GotoAsync($"/projects/{DemoProject.Id}/people");
        await BrowserFixture.WaitUntilInteractiveAsync(director);
        var row = director.GetByTestId("review-link-row").Filter(new() { HasText = "Remote director" });
        await Expect(row.GetByTestId("review-link-guest")).ToContainTextAsync("Ana Ruiz");
        await Expect(row.GetByTestId("review-link-guest")).ToContainTextAsync("1 note");
        await row.GetByTestId("review-link-revoke").ClickAsync();
        await Expect(row).ToContainTextAsync("Withdrawn");
        await Expect(guest).ToHaveURLAsync(new Regex("/review-ended$"));
        await Expect(guest.GetByTestId("review-ended")).ToContainTextAsync("This review link has ended");

        // Opening the link again says why it no longer works.
        await guest.GotoAsync(link);
        await Expect(guest.GetByTestId("review-link-problem")).ToContainTextAsync("withdrawn");
    }

    [Fact]
    public async Task ExpiredLink_GivesAClearPage_AndAViewOnlyGuestCannotWrite()
    {
        var producer = await fixture.SignInAsync("producer");
        await producer.GetByTestId("project-card").First.ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(producer);
        var viewOnly = await ShareShotAsync(producer, "SH030", "Watch only", viewOnly: true);
        var expiring = await ShareShotAsync(producer, "SH040", "Expires soon");

        var watcher = await fixture.NewPageAsync();
        await watcher.GotoAsync(viewOnly);
        await watcher.GetByTestId("guest-name").FillAsync("Sol");
        await watcher.GetByTestId("guest-enter").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(watcher);
        await Expect(watcher.GetByTestId("guest-review-terms")).ToContainTextAsync("read the team's notes");
        await watcher.GetByTestId("take-card").First.ClickAsync();
        await Expect(watcher.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(watcher.GetByTestId("composer")).ToHaveCountAsync(0);
        await Expect(watcher.Locator("[data-testid^=decide-]")).ToHaveCountAsync(0);

        // Time passes beyond the link's expiry (moved in the database, as the clock would).
        using (var scope = fixture.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewRoomDbContext>();
            await db.ReviewLinks.Where(l => l.Note == "Expires soon")
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }
        var late = await fixture.NewPageAsync();
        await late.GotoAsync(expiring);
        await Expect(late.GetByTestId("review-link-problem")).ToContainTextAsync("expired");
        await Expect(late.GetByTestId("guest-enter")).ToHaveCountAsync(0);
    }

    /// <summary>Shares one whole shot from the board's share panel and returns the link shown once.</summary>
    private static async Task<string> ShareShotAsync(IPage page, string shotCode, string note, bool viewOnly = false)
    {
        await page.GetByTestId("share-open").ClickAsync();
        await page.Locator($"[data-testid=share-shot][data-shot-code={shotCode}]").CheckAsync();
        await page.Locator("input[data-testid=share-note], [data-testid=share-note] input").FillAsync(note);
        if (viewOnly)
            await page.GetByTestId("share-access").SelectOptionAsync("ViewOnly");
        await page.GetByTestId("share-create").ClickAsync();
        var link = await page.GetByTestId("share-link").TextContentAsync();
        Assert.Matches("/review/rev_[A-Za-z0-9_-]{40,}$", link);
        await page.GetByTestId("share-close").ClickAsync();
        return link!;
    }
}
