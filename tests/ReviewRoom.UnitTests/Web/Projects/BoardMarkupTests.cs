using Bunit;
using Microsoft.AspNetCore.Components;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Projects.Components;

namespace ReviewRoom.UnitTests.Web.Projects;

[Collection(ReviewRoom.UnitTests.Web.Components.SharedMarkupCollection.Name)]
public class BoardMarkupTests : MudComponentTest
{
    private static TakeCardModel Take(decimal credits) => new(
        Guid.NewGuid(), Guid.NewGuid(), 1, "Veo 3", FrameRate.Fps24, 96, 640, 360, true, TakeRelation.Original, null, credits,
        new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));

    private static ShotCardModel Shot(string code = "SH010", string scene = "SC 01 · Rooftop", string description = "Courier at dawn.", int takes = 3) =>
        new(Guid.NewGuid(), 1, code, scene, description, Enumerable.Range(0, takes).Select(_ => Take(32.5m)).ToList());

    private static RenderFragment Fragment(MarkupString markup) => builder => builder.AddMarkupContent(0, markup.Value);

    [Fact]
    public void ShotHeading_ShowsPlaceCodeSceneStatusDescriptionAndCost()
    {
        var heading = Render(Fragment(BoardMarkup.ShotHeading(Shot(), TakeStatus.Approved, 12.5m)));

        Assert.Equal("01", heading.Find(".rr-shot-order").TextContent);
        Assert.Equal("SH010", heading.Find(".rr-shot-title strong").TextContent);
        Assert.Equal("SC 01 · Rooftop", heading.Find(".rr-shot-title .rr-muted").TextContent);
        Assert.Equal("Approved", heading.Find("[data-testid=shot-status]").GetAttribute("data-status"));
        Assert.Equal("Courier at dawn.", heading.Find(".rr-shot-description").TextContent);
        Assert.Equal("3 takes · 97.5 credits · circled take 12.5", heading.Find("[data-testid=shot-credits]").TextContent);
    }

    [Fact]
    public void ShotHeading_OfAShotWithOneTakeAndNoStatus_SaysTakeAndShowsNoChip()
    {
        var heading = Render(Fragment(BoardMarkup.ShotHeading(Shot(takes: 1), null, null)));

        Assert.Empty(heading.FindAll("[data-testid=shot-status]"));
        Assert.Equal("1 take · 32.5 credits", heading.Find("[data-testid=shot-credits]").TextContent);
    }

    /// <summary>Codes, scenes and descriptions are typed by people: the heading and the picker show them as text.</summary>
    [Fact]
    public void HostileShotText_IsShownAsText()
    {
        const string code = "<img src=x onerror=alert(1)>";
        const string scene = "\"><script>alert(2)</script>";
        const string description = "<a href=\"javascript:alert(3)\">notes</a> & more";
        var shot = Shot(code, scene, description);

        var heading = Render(Fragment(BoardMarkup.ShotHeading(shot, TakeStatus.NotReviewed, null)));
        var picker = Render(Fragment(BoardMarkup.AddTakes(shot)));

        Assert.Equal(code, heading.Find(".rr-shot-title strong").TextContent);
        Assert.Equal(scene, heading.Find(".rr-shot-title .rr-muted").TextContent);
        Assert.Equal(description, heading.Find(".rr-shot-description").TextContent);
        Assert.Empty(heading.FindAll("img, script, a"));
        Assert.Equal($"Add takes to {code} from files", picker.Find("label").GetAttribute("aria-label"));
        Assert.Empty(picker.FindAll("img, script"));
    }

    [Fact]
    public void AddTakes_IsAKeyboardPickerForVideoFilesOfItsShot()
    {
        var shot = Shot();

        var picker = Render(Fragment(BoardMarkup.AddTakes(shot)));

        var label = picker.Find("label.rr-add-takes");
        Assert.Equal("button", label.GetAttribute("role"));
        Assert.Equal("0", label.GetAttribute("tabindex"));
        Assert.True(label.HasAttribute("data-file-picker"));
        var input = picker.Find("input[type=file]");
        Assert.Equal(shot.Id.ToString(), input.GetAttribute("data-pick-shot"));
        Assert.True(input.HasAttribute("multiple"));
        Assert.StartsWith("video/*", input.GetAttribute("accept"));
        Assert.Contains("Add takes", label.TextContent);
    }

    [Fact]
    public void Progress_ShowsApprovedShotsTheBarAndWhatTheProjectCost()
    {
        var progress = Render(Fragment(BoardMarkup.Progress(1, 4, new CreditReport(241.5m, 30m, 0, null, []))));

        Assert.Equal("1 of 4", progress.Find("[data-testid=progress-count]").TextContent);
        var bar = progress.Find("[role=progressbar]");
        Assert.Equal("25", bar.GetAttribute("aria-valuenow"));
        Assert.Contains("translateX(-75%)", progress.Find(".mud-progress-linear-bar").GetAttribute("style"));
        Assert.Equal("241.5", progress.Find("[data-testid=credits-total]").TextContent);
        Assert.Equal("—", progress.Find("[data-testid=credits-per-second]").TextContent);
        Assert.Equal("30", progress.Find("[data-testid=credits-rejected]").TextContent);
    }

    [Fact]
    public void Progress_OfAProjectWithNoShots_IsAnEmptyBar()
    {
        var progress = Render(Fragment(BoardMarkup.Progress(0, 0, new CreditReport(0, 0, 0, null, []))));

        Assert.Equal("0 of 0", progress.Find("[data-testid=progress-count]").TextContent);
        Assert.Contains("translateX(-100%)", progress.Find(".mud-progress-linear-bar").GetAttribute("style"));
    }

    private static readonly string[] OtherPages = ["people", "assembly", "playlists", "models", "activity", "integrations"];

    [Fact]
    public void ProjectLinks_LeadToTheProjectsOtherPages()
    {
        var projectId = Guid.NewGuid();

        var links = Render(Fragment(BoardMarkup.ProjectLinks(projectId))).FindAll("a");

        Assert.Equal(
            OtherPages.Select(page => $"/projects/{projectId}/{page}"),
            links.Select(link => link.GetAttribute("href")));
    }

    [Fact]
    public void Stats_CountShotsTakesCreditsAndNameTheRole()
    {
        var stats = Render(Fragment(BoardMarkup.Stats(4, 10, 241.5m, "Producer <lead>")));

        Assert.Equal(["4", "10", "241.5"], stats.FindAll(".rr-stat").Select(s => s.TextContent));
        Assert.Equal("You: Producer <lead>", stats.Find(".rr-role-chip").TextContent);
        Assert.Empty(Render(Fragment(BoardMarkup.Stats(4, 10, 0, null))).FindAll(".rr-role-chip"));
    }

    /// <summary>The memory point: every open board showing the same shot in the same state holds one string between them.</summary>
    [Fact]
    public void TheSameHeadingOnTwoBoards_IsOneString()
    {
        var shot = Shot();

        var first = BoardMarkup.ShotHeading(shot, TakeStatus.Approved, null).Value;
        var second = BoardMarkup.ShotHeading(shot with { }, TakeStatus.Approved, null).Value;
        var changed = BoardMarkup.ShotHeading(shot, TakeStatus.Rejected, null).Value;

        Assert.Same(first, second);
        Assert.NotEqual(first, changed);
    }
}
