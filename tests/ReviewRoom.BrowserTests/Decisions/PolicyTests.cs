using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Decisions;

public class PolicyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Producer_DropsVfxLeadFromTheRules_DirectorsApprovalAloneNowApproves_WriterCannotEdit()
    {
        var director = await fixture.SignInAsync("director");
        await director.GetByTestId("project-card").First.ClickAsync();
        await director.Locator("[data-shot-code=SH010] [data-testid=take-card]").First.ClickAsync();
        await Expect(director.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await director.GetByTestId("decide-approve").ClickAsync();
        await Expect(director.GetByTestId("take-status")).ToHaveTextAsync("In review");

        var producer = await fixture.SignInAsync("producer");
        await producer.GetByTestId("project-card").First.ClickAsync();
        await producer.GetByTestId("policy-toggle").ClickAsync();
        await producer.GetByTestId("policy-required-vfxlead").UncheckAsync();
        await producer.GetByTestId("policy-save").ClickAsync();
        await Expect(producer.GetByTestId("policy-editor")).ToHaveCountAsync(0);

        // The director's open take follows the new rules without a reload.
        await Expect(director.GetByTestId("take-status")).ToHaveTextAsync("Approved");
        await Expect(director.GetByTestId("decisions")).ToContainTextAsync("Approved when Director approves;");

        var writer = await fixture.SignInAsync("writer");
        await writer.GetByTestId("project-card").First.ClickAsync();
        await writer.GetByTestId("policy-toggle").ClickAsync();
        await Expect(writer.GetByTestId("policy-editor")).ToContainTextAsync("Only the director, the producer or an administrator");
        await Expect(writer.GetByTestId("policy-save")).ToHaveCountAsync(0);
        await Expect(writer.GetByTestId("policy-required-director")).ToBeDisabledAsync();
    }
}
