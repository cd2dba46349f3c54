using Bunit;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Handoff;
using ReviewRoom.Web.Features.Handoff.Components;

namespace ReviewRoom.UnitTests.Web.Handoff;

public class ExportPanelTests : MudComponentTest
{
    private static readonly Guid Project = Guid.Parse("5e1f0a3c-7d0b-4c1e-9a51-0d3e6b8f2a10");
    private static readonly Guid Take = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private IRenderedComponent<ExportPanel> Render(NotesScope scope, string? key = null) => Render<ExportPanel>(p => p
        .Add(x => x.Scope, scope).Add(x => x.ProjectId, Project).Add(x => x.TakeId, Take).Add(x => x.PlaylistKey, key).Add(x => x.Title, "it")
        .Add(x => x.Shots, [new ShotCardModel(Take, 0, "SH010", "", "", [])]));

    private static string Url(IRenderedComponent<ExportPanel> panel) => panel.Find("[data-testid=export-url]").TextContent.Replace("GET ", "", StringComparison.Ordinal);

    [Fact]
    public void Take_OffersNotesAndEdls_AndTheDownloadIsTheApiAddressWithTheFilter()
    {
        var panel = Render(NotesScope.Take);
        Assert.Equal(["notes-csv", "notes-md", "take-edl-locators", "take-edl-markers"], panel.FindAll("[data-testid=export-what] option").Select(o => o.GetAttribute("value")));
        Assert.Equal($"/api/v1/takes/{Take}/notes.csv", Url(panel));

        panel.Find("[data-testid=export-open-only]").Change(true);
        panel.Find("[data-testid=export-role]").Change("VfxLead");
        panel.Find("[data-testid=export-since]").Change("2026-11-02");
        Assert.Equal($"/api/v1/takes/{Take}/notes.csv?open=true&role=vfxlead&since=2026-11-02", Url(panel));
        Assert.Equal(Url(panel), panel.Find("[data-testid=export-download]").GetAttribute("href"));
        Assert.True(panel.Find("[data-testid=export-download]").HasAttribute("download"));

        panel.Find("[data-testid=export-what]").Change("take-edl-markers");
        Assert.Equal($"/api/v1/takes/{Take}/notes.edl?form=markers", Url(panel));
        Assert.Empty(panel.FindAll("[data-testid=export-role]"));
    }

    [Fact]
    public void Project_ExportsAShotsNotes_OrTheCutAtAChosenRate()
    {
        var panel = Render(NotesScope.Project);
        Assert.Equal($"/api/v1/projects/{Project}/report.pdf", Url(panel));
        panel.Find("[data-testid=export-open-only]").Change(true);
        Assert.Equal($"/api/v1/projects/{Project}/report.pdf?open=true", Url(panel));
        Assert.Empty(panel.FindAll("[data-testid=export-shot]"));
        panel.Find("[data-testid=export-what]").Change("notes-csv");
        panel.Find("[data-testid=export-open-only]").Change(false);
        panel.Find("[data-testid=export-shot]").Change(Take.ToString());
        Assert.Equal($"/api/v1/projects/{Project}/shots/{Take}/notes.csv", Url(panel));

        panel.Find("[data-testid=export-what]").Change("cut-otio");
        Assert.Equal($"/api/v1/projects/{Project}/cut.otio", Url(panel));
        panel.Find("[data-testid=export-rate]").Change("30000/1001");
        Assert.Equal($"/api/v1/projects/{Project}/cut.otio?rate=30000%2F1001", Url(panel));
        panel.Find("[data-testid=export-what]").Change("cut-edl-markers");
        Assert.Equal($"/api/v1/projects/{Project}/cut.edl?rate=30000%2F1001&form=markers", Url(panel));
    }

    [Fact]
    public void Playlist_KeyIsEscapedIntoThePath()
    {
        var panel = Render(NotesScope.Playlist, "smart-circled");
        panel.Find("[data-testid=export-what]").Change("notes-md");
        Assert.Equal($"/api/v1/projects/{Project}/playlists/smart-circled/notes.md", Url(panel));
        Assert.Equal($"/api/v1/projects/{Project}/playlists/a%2Fb%3F/notes.csv",
            HandoffEndpoints.NotesUrl(NotesScope.Playlist, Project, null, "a/b?", "csv", new(SinceUtc: null)));
    }
}
