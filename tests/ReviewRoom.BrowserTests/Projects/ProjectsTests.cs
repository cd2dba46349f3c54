using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Projects;

public class ProjectsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Writer_CreatesAProject_LandsOnItsEmptyBoardAsDirector()
    {
        var page = await fixture.SignInAsync("writer");

        await page.GetByTestId("new-project").ClickAsync();
        var create = page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Create project" });
        // A blank name is refused with a reason, and nothing is created.
        await create.ClickAsync();
        await Expect(page.GetByTestId("create-project-error")).ToContainTextAsync("needs a name");

        await page.Locator("input[data-testid=new-project-name], [data-testid=new-project-name] input").FillAsync("Harbour Lights");
        await create.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/projects/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync("Harbour Lights");
        await Expect(page.GetByTestId("empty-state")).ToContainTextAsync("No shots yet");
        await Expect(page.GetByText("You: Director")).ToBeVisibleAsync();

        await page.GotoAsync("/");
        await Expect(page.GetByTestId("project-card")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task UnknownAddress_ShowsTheNotFoundPageWithAWayBack()
    {
        var page = await fixture.SignInAsync("producer");

        await page.GotoAsync("/no/such/page");
        // A click that lands while the page is still becoming interactive can be undone when the circuit arrives.
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await Expect(page.GetByTestId("empty-state")).ToContainTextAsync("Nothing here");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Your projects" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.GetByTestId("project-card")).Not.ToHaveCountAsync(0);
    }
}
