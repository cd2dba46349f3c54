using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace ReviewRoom.BrowserTests.Generation;

/// <summary>The app with its webhooks allowed to reach a pipeline on this machine, as an on-premises studio sets it up.</summary>
public sealed class GenerationFixture() : BrowserFixture(new() { ["Webhooks:AllowedInternalHosts:0"] = "127.0.0.1", ["Webhooks:FirstRetryDelay"] = "00:00:00.200" });

public sealed class GenerationTests(GenerationFixture fixture) : IClassFixture<GenerationFixture>
{
    [Fact]
    public async Task ADirectorAsksForFourReRollsFromANote_TheWriterSeesThemPending_TheSampleGeneratorFillsThem_AndApprovalResolvesTheNote()
    {
        await using var generator = await ConnectSampleGeneratorAsync();
        var writer = await fixture.SignInAsync("writer");
        await writer.GetByTestId("project-card").First.ClickAsync();
        var shot = writer.Locator("[data-shot-code=SH030]");
        await Expect(shot.GetByTestId("take-card")).ToHaveCountAsync(2);

        var director = await fixture.OpenTakeAsync("director", "SH030", 0);
        await director.GetByTestId("composer").FillAsync("The lantern should glow **brighter** as the door opens");
        await director.GetByTestId("composer-send").ClickAsync();
        var thread = director.GetByTestId("thread").Filter(new() { HasText = "glow brighter" });
        await thread.GetByTestId("note-ask-for-takes").ClickAsync();

        var panel = director.GetByTestId("request-panel");
        await Expect(panel.GetByTestId("request-count")).ToHaveValueAsync("4");
        await Expect(panel.GetByTestId("request-model")).ToHaveValueAsync("Kling 2.1");
        await Expect(panel.GetByTestId("request-note")).ToBeCheckedAsync();
        // The demo's Kling takes cost 35 credits each: four re-rolls are about 140.
        await Expect(panel.GetByTestId("request-estimate")).ToContainTextAsync("140");
        // The prompt's change from the parent shows while it is typed.
        var prompt = panel.GetByTestId("request-prompt");
        await prompt.FillAsync((await prompt.InputValueAsync()).Replace("a glowing lantern", "a brightly glowing lantern", StringComparison.Ordinal));
        await Expect(panel.GetByTestId("request-prompt-diff").Locator(".rr-diff-added")).ToContainTextAsync("brightly");
        await panel.GetByTestId("request-send").ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);

        // Live for the writer, one card per requested take, until the takes replace them.
        await Expect(shot.GetByTestId("pending-card")).ToHaveCountAsync(4);
        await Expect(shot.GetByTestId("take-card")).ToHaveCountAsync(6, new() { Timeout = 120_000 });
        await Expect(shot.GetByTestId("pending-card")).ToHaveCountAsync(0);
        await Expect(shot.GetByTestId("take-lineage")).ToHaveTextAsync(["Variation of v001", "Re-roll of v001", "Re-roll of v001", "Re-roll of v001", "Re-roll of v001"]);

        // The note names the takes that answer it; the first of them knows which note it answers.
        await Expect(thread.GetByTestId("note-answered-take")).ToHaveTextAsync(["v003", "v004", "v005", "v006"]);
        await thread.GetByTestId("note-answered-take").First.ClickAsync();
        await Expect(director.GetByTestId("take-title")).ToContainTextAsync("v003");
        await Expect(director.GetByTestId("answers-panel").GetByTestId("answer")).ToContainTextAsync("glow brighter");

        var vfx = await fixture.SignInAsync("vfxlead");
        await vfx.GotoAsync(director.Url);
        await Expect(vfx.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");
        await director.GetByTestId("decide-approve").ClickAsync();
        await vfx.GetByTestId("decide-approve").ClickAsync();
        await Expect(director.GetByTestId("answer-resolved")).ToContainTextAsync("Resolved by approving this take");
        // On v001 the thread says which take resolved it.
        await vfx.GetByTestId("answer-parent").ClickAsync();
        var onParent = vfx.GetByTestId("thread").Filter(new() { HasText = "glow brighter" });
        await Expect(onParent.GetByTestId("note-resolved-by")).ToHaveTextAsync("v003");

        // Premature? The director reopens it from the new take; the thread on v001 opens again live, still answered.
        await director.GetByTestId("answers-reopen").ClickAsync();
        await Expect(director.GetByTestId("answer-resolved")).ToHaveCountAsync(0);
        await Expect(onParent.GetByTestId("note-resolved")).ToHaveCountAsync(0);
        await Expect(onParent.GetByTestId("note-answered-take")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task FromTheGridAtPhoneWidth_TheRequestPanelFits_RefusesInWords_AndCancellingARequestClearsItsCardsForEveryone()
    {
        var producer = await fixture.SignInAsync("producer", new ViewportSize { Width = 390, Height = 844 });
        var writer = await fixture.SignInAsync("writer");
        await writer.GetByTestId("project-card").First.ClickAsync();
        await producer.GetByTestId("project-card").First.ClickAsync();
        await producer.Locator("[data-shot-code=SH040] [data-testid=take-card]").First.ClickAsync();
        await Expect(producer.GetByTestId("player")).ToHaveAttributeAsync("data-ready", "true");

        // From the grid's selected take, as a producer choosing among takes side by side would.
        await producer.GetByTestId("grid-link").ClickAsync();
        await producer.GetByTestId("grid-ask").ClickAsync();
        var panel = producer.GetByTestId("request-panel");
        await Expect(producer.GetByTestId("take-title")).ToContainTextAsync("v001");
        // Nothing of the panel runs off a phone's screen.
        var width = await producer.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide at 390px");
        await panel.GetByTestId("request-count").FillAsync("2");
        await panel.GetByTestId("request-seeds-list").CheckAsync();
        await panel.GetByTestId("request-seed-list").FillAsync("7");
        await panel.GetByTestId("request-send").ClickAsync();
        // Refused in words, and what was typed stays.
        await Expect(panel.GetByTestId("request-error")).ToContainTextAsync("one seed per take");
        await Expect(panel.GetByTestId("request-seed-list")).ToHaveValueAsync("7");
        await panel.GetByTestId("request-seed-list").FillAsync("7, 8");
        await panel.GetByTestId("request-send").ClickAsync();

        var cards = writer.Locator("[data-shot-code=SH040]").GetByTestId("pending-card");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.First).ToContainTextAsync("seed 7");
        await Expect(writer.GetByTestId("pending-cancel")).ToHaveCountAsync(0);
        await producer.GetByTestId("take-requests").GetByTestId("pending-cancel").ClickAsync();
        await Expect(cards.First).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(cards.First.GetByTestId("pending-state")).ToHaveTextAsync("Cancelled");
    }

    /// <summary>The sample generator with a project token, and the project's webhook pointing at it.</summary>
    private async Task<RunningSampleGenerator> ConnectSampleGeneratorAsync()
    {
        var services = fixture.App.Services;
        var director = await fixture.App.DemoMemberAsync(ProjectRole.Director);
        var (_, token) = await services.GetRequiredService<ApiTokenCommands>().CreateAsync(director, DemoProject.Id, "sample generator", ApiTokenScope.ReadIngest);
        var generator = await RunningSampleGenerator.StartAsync(fixture.BaseAddress, token);
        await services.GetRequiredService<WebhookCommands>().AddAsync(director, DemoProject.Id, generator.Url.ToString(), RunningSampleGenerator.Secret,
            [WebhookEvents.GenerationRequested]);
        return generator;
    }
}
