using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Decisions;

public class DecisionTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignInAsync(string person)
    {
        var page = await fixture.SignInAsync($"{person}");
        await page.GetByTestId("project-card").First.ClickAsync();
        await Expect(page.GetByTestId("progress")).ToBeVisibleAsync();
        return page;
    }

    private static async Task OpenTakeAsync(IPage page, string shotCode, int index)
    {
        await page.Locator($"[data-shot-code={shotCode}] [data-testid=take-card]").Nth(index).ClickAsync();
        await Expect(page.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
    }

    [Fact]
    public async Task DirectorAndVfxLeadApprove_BothSeeApproved_DirectorCircles_WritersBoardShowsItLive()
    {
        var writer = await SignInAsync("writer");
        var director = await SignInAsync("director");
        var vfx = await SignInAsync("vfxlead");
        var writerCard = writer.Locator("[data-shot-code=SH030] [data-testid=take-card]").Nth(1);
        await Expect(writerCard.GetByTestId("take-status")).ToHaveTextAsync("Not reviewed");

        await OpenTakeAsync(director, "SH030", 1);
        await OpenTakeAsync(vfx, "SH030", 1);

        await director.GetByTestId("decide-approve").ClickAsync();
        await Expect(vfx.GetByTestId("take-status")).ToHaveTextAsync("In review");
        await Expect(writerCard.GetByTestId("take-status")).ToHaveTextAsync("In review");

        await vfx.GetByTestId("decision-comment").FillAsync("Sky a touch hot, fine for the cut");
        await vfx.GetByTestId("decide-approvewithchanges").ClickAsync();
        await Expect(director.GetByTestId("take-status")).ToHaveTextAsync("Approved");
        await Expect(vfx.GetByTestId("take-status")).ToHaveTextAsync("Approved");
        await Expect(director.GetByTestId("decision-list")).ToContainTextAsync("Priya Nair");
        // The reason became a note on the timeline for everyone.
        await Expect(director.GetByTestId("note-body")).ToContainTextAsync("Sky a touch hot");

        await director.GetByTestId("circle").ClickAsync();
        await Expect(director.GetByTestId("circled")).ToBeVisibleAsync();
        await Expect(writerCard).ToHaveClassAsync(new Regex("rr-take-circled"));
        await Expect(writer.Locator("[data-shot-code=SH030]").GetByTestId("shot-status")).ToHaveTextAsync("Approved");
        await Expect(writer.GetByTestId("progress-count")).ToHaveTextAsync("1 of 4");
    }

    [Fact]
    public async Task Producer_CirclesANotApprovedTake_OnlyAfterConfirming_AndHistoryShowsIt()
    {
        var producer = await SignInAsync("producer");
        await OpenTakeAsync(producer, "SH040", 0);

        await producer.GetByTestId("circle-reason").FillAsync("only take that fits the title timing");
        await producer.GetByTestId("circle").ClickAsync();
        await Expect(producer.GetByTestId("circle-confirm")).ToContainTextAsync("not approved");
        await producer.GetByTestId("circle-anyway").ClickAsync();
        await Expect(producer.GetByTestId("circled")).ToBeVisibleAsync();

        await producer.GetByTestId("selection-history-toggle").ClickAsync();
        await Expect(producer.GetByTestId("selection-history")).ToContainTextAsync("v001 circled by Sam Lindqvist");
        await Expect(producer.GetByTestId("selection-history")).ToContainTextAsync("not approved then");
        await Expect(producer.GetByTestId("selection-history")).ToContainTextAsync("only take that fits the title timing");

        await producer.GetByTestId("vote").ClickAsync();
        await Expect(producer.GetByTestId("vote-count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task ActivityLog_ShowsADecisionAsItHappens_AndFiltersByKind()
    {
        var producer = await SignInAsync("producer");
        await producer.GetByTestId("activity-link").ClickAsync();
        await Expect(producer.GetByTestId("activity")).ToContainTextAsync("created the project");

        var writer = await SignInAsync("writer");
        await OpenTakeAsync(writer, "SH020", 2);
        await writer.GetByTestId("decision-comment").FillAsync("vendor line is muddy");
        await writer.GetByTestId("decide-needschanges").ClickAsync();

        var newest = producer.GetByTestId("activity-item").First;
        await Expect(newest).ToContainTextAsync("Wes Okafor asked for changes on SH020 v003: “vendor line is muddy”");
        await producer.GetByTestId("activity-category").SelectOptionAsync("Ingest");
        await Expect(producer.GetByTestId("activity-item").First).ToContainTextAsync("added SH0");
        await Expect(producer.GetByTestId("activity")).Not.ToContainTextAsync("asked for changes");
    }
}
