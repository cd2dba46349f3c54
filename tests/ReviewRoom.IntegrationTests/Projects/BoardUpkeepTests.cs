using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.IntegrationTests.Projects;

/// <summary>Renaming, reordering and archiving shots, describing and deleting projects: the right people, as room events.</summary>
public sealed class BoardUpkeepTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private Scenario Given => new(fixture.App.Services);
    private BoardCommands Board => fixture.App.Services.GetRequiredService<BoardCommands>();
    private ProjectCommands Projects => fixture.App.Services.GetRequiredService<ProjectCommands>();

    private Task<ProjectBoard?> BoardOfAsync(Guid projectId) => fixture.App.Services.GetRequiredService<ProjectQueries>().GetBoardAsync(projectId);

    /// <summary>A pipeline signs in with its token; the commands it reaches decide on the token's project and scope themselves.</summary>
    private static Actor TokenCaller(Guid projectId, ReviewRoom.Core.Integrations.ApiTokenScope scope) =>
        new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "render-farm"),
                new Claim(ApiTokenClaims.TokenId, Guid.NewGuid().ToString()),
                new Claim(ApiTokenClaims.ProjectId, projectId.ToString()),
                new Claim(ApiTokenClaims.Scope, scope.ToString()),
            ],
            ApiTokenClaims.Scheme)).ToActor();

    [Fact]
    public async Task PipelineTokens_AddShotsAndQueueTakes_OnlyInTheirProjectWithTheIngestScope()
    {
        var (projectId, _, director) = await Given.ProjectAsync();
        var (otherProjectId, _, _) = await Given.ProjectAsync();
        var ingest = fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Ingest.IngestCommands>();
        var readOnly = TokenCaller(projectId, ReviewRoom.Core.Integrations.ApiTokenScope.Read);
        var elsewhere = TokenCaller(otherProjectId, ReviewRoom.Core.Integrations.ApiTokenScope.ReadIngest);
        var pipeline = TokenCaller(projectId, ReviewRoom.Core.Integrations.ApiTokenScope.ReadIngest);

        var byReader = await Assert.ThrowsAsync<DomainException>(() => Board.AddShotAsync(readOnly, projectId, "SH050", "", ""));
        Assert.Equal(DomainProblem.Forbidden, byReader.Problem);
        Assert.Contains("read + ingest", byReader.Message, StringComparison.Ordinal);
        var fromElsewhere = await Assert.ThrowsAsync<DomainException>(() => Board.AddShotAsync(elsewhere, projectId, "SH050", "", ""));
        Assert.Equal(DomainProblem.NotFound, fromElsewhere.Problem);
        var queued = await Assert.ThrowsAsync<DomainException>(() =>
            ingest.QueueAsync(readOnly, projectId, Guid.NewGuid(), "/nonexistent", "take.mov", GenerationInfo.Unknown));
        Assert.Equal(DomainProblem.Forbidden, queued.Problem);

        var shotId = await Board.AddShotAsync(pipeline, projectId, "SH050", "", "");
        Assert.Contains((await BoardOfAsync(projectId))!.Shots, s => s.Id == shotId && s.Code == "SH050");
        await ingest.RequireUploaderAsync(pipeline, projectId, CancellationToken.None);
        await ingest.RequireUploaderAsync(director.Principal, projectId, CancellationToken.None);
    }

    [Fact]
    public async Task AddingAShot_AndRetryingOrDismissingAnUpload_CheckTheCallersRoleInsideTheCommand()
    {
        var (projectId, _, director) = await Given.ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var viewer = await Given.MemberAsync(projectId, director, "Vic Viewer", ProjectRole.Viewer);
        var stranger = await Given.PersonAsync("Sam Stranger");
        var ingest = fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Ingest.IngestCommands>();

        var byWriter = await Assert.ThrowsAsync<DomainException>(() => Board.AddShotAsync(writer.Principal, projectId, "SH020", "", ""));
        Assert.Equal(DomainProblem.Forbidden, byWriter.Problem);
        var added = await Board.AddShotAsync(director.Principal, projectId, "SH020", "", "");
        Assert.Contains((await BoardOfAsync(projectId))!.Shots, s => s.Id == added && s.Code == "SH020");

        // Whether the job exists is only told to those who may act on it.
        var byViewer = await Assert.ThrowsAsync<DomainException>(() => ingest.RetryAsync(viewer.Principal, projectId, Guid.NewGuid()));
        Assert.Equal(DomainProblem.Forbidden, byViewer.Problem);
        var byStranger = await Assert.ThrowsAsync<DomainException>(() => ingest.DismissAsync(stranger.Principal, projectId, Guid.NewGuid()));
        Assert.Equal(DomainProblem.NotFound, byStranger.Problem);
        var missing = await Assert.ThrowsAsync<DomainException>(() => ingest.DismissAsync(writer.Principal, projectId, Guid.NewGuid()));
        Assert.Equal(DomainProblem.NotFound, missing.Problem);
        Assert.Contains("no longer exists", missing.Message);
    }

    [Fact]
    public async Task Shots_AreRenamedReorderedAndArchived_ByThoseWhoManageShots_EachARoomEvent()
    {
        var (projectId, first, director) = await Given.ProjectAsync();
        var vfx = await Given.MemberAsync(projectId, director, "Priya Vfx", ProjectRole.VfxLead);
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var second = await Projects.AddShotAsync(projectId, director.UserId, "SH020", "", "");
        var third = await Projects.AddShotAsync(projectId, director.UserId, "SH030", "", "");

        await Board.EditShotAsync(vfx.Principal, projectId, first, "SH005", "SC 01 · Dawn", "Opening wide");
        var duplicate = await Assert.ThrowsAsync<DomainException>(() => Board.EditShotAsync(vfx.Principal, projectId, second, "sh005", "", ""));
        var byWriter = await Assert.ThrowsAsync<DomainException>(() => Board.MoveShotAsync(writer.Principal, projectId, third, 1));
        await Board.MoveShotAsync(vfx.Principal, projectId, third, 1);
        await Board.SetArchivedAsync(director.Principal, projectId, second, archived: true);
        var board = (await BoardOfAsync(projectId))!;

        Assert.Contains("already has a shot SH005", duplicate.Message);
        Assert.Contains("VFX lead", byWriter.Message);
        Assert.Equal(["SH030", "SH005"], board.Shots.Select(s => s.Code));
        Assert.Equal("SC 01 · Dawn", board.Shots[1].SceneLabel);
        Assert.Equal("SH020", Assert.Single(board.ArchivedShots).Code);

        await Board.SetArchivedAsync(director.Principal, projectId, second, archived: false);
        Assert.Equal(["SH030", "SH005", "SH020"], (await BoardOfAsync(projectId))!.Shots.Select(s => s.Code));
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var types = await db.RoomEvents.Where(e => e.ProjectId == projectId).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync();
        Assert.Equal([RoomEventTypes.ShotChanged, RoomEventTypes.ShotMoved, RoomEventTypes.ShotArchived, RoomEventTypes.ShotRestored], types.TakeLast(4));
    }

    [Fact]
    public async Task Project_IsDescribedByItsDirector_NotByAWriter_AndBadNamesAreRefused()
    {
        var (projectId, _, director) = await Given.ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);

        await Board.DescribeProjectAsync(director.Principal, projectId, "  Harbour Lights  ", "A lighthouse keeper's last night.");
        await Assert.ThrowsAsync<DomainException>(() => Board.DescribeProjectAsync(writer.Principal, projectId, "Mine now", ""));
        await Assert.ThrowsAsync<DomainException>(() => Board.DescribeProjectAsync(director.Principal, projectId, "   ", ""));
        await Assert.ThrowsAsync<DomainException>(() => Board.DescribeProjectAsync(director.Principal, projectId, "Evil\u202Eeman", ""));

        var board = (await BoardOfAsync(projectId))!;
        Assert.Equal("Harbour Lights", board.Name);
        Assert.Equal("A lighthouse keeper's last night.", board.Description);
    }

    [Fact]
    public async Task DeleteProject_NeedsAnAdministratorAndTheExactName_ThenEverythingInItIsGone()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var takeId = await Given.TakeAsync(projectId, shotId);
        await fixture.App.Services.GetRequiredService<NoteCommands>().AddAsync(director.Principal, takeId, FrameRange.At(3), "note", null);
        var name = (await BoardOfAsync(projectId))!.Name;
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, (await Given.PersonAsync("Ada Admin")).UserId.ToString()), new Claim(ClaimTypes.Role, AccountSetup.AdminRole)],
            "test", ClaimTypes.Name, ClaimTypes.Role)).ToActor();
        var deleted = new TaskCompletionSource<RoomEvent>();
        using var _ = fixture.App.Services.GetRequiredService<IRoomEventBus>().Subscribe(projectId, e =>
        {
            if (e.Type == RoomEventTypes.ProjectDeleted)
                deleted.TrySetResult(e);
            return Task.CompletedTask;
        });

        var byDirector = await Assert.ThrowsAsync<DomainException>(() => Board.DeleteProjectAsync(director.Principal, projectId, name));
        var wrongName = await Assert.ThrowsAsync<DomainException>(() => Board.DeleteProjectAsync(admin, projectId, name.ToUpperInvariant()));
        await Board.DeleteProjectAsync(admin, projectId, name);

        Assert.Contains("administrator", byDirector.Message);
        Assert.Contains("exactly", wrongName.Message);
        await deleted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Null(await BoardOfAsync(projectId));
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Takes.AnyAsync(t => t.Id == takeId));
        Assert.False(await db.Notes.AnyAsync(n => n.ProjectId == projectId));
        Assert.False(await db.RoomEvents.AnyAsync(e => e.ProjectId == projectId));
        Assert.False(await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId));
        // The take's project was looked up (and remembered) for the note above; a note after the project went finds nothing.
        var notes = fixture.App.Services.GetRequiredService<NoteCommands>();
        foreach (var late in new[] { director.Principal, admin })
            Assert.Equal(DomainProblem.NotFound, (await Assert.ThrowsAsync<DomainException>(() => notes.AddAsync(late, takeId, FrameRange.At(4), "too late", null))).Problem);
    }

    [Fact]
    public async Task RemovedTake_LeavesTheBoardKeepsItsVersionNumber_AndOnlyDirectorsProducersBringItBackWithin30Days()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var vfx = await Given.MemberAsync(projectId, director, "Priya Vfx", ProjectRole.VfxLead);
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var first = await Given.TakeAsync(projectId, shotId);
        var second = await Given.TakeAsync(projectId, shotId);
        await fixture.App.Services.GetRequiredService<NoteCommands>().AddAsync(director.Principal, second, FrameRange.At(2), "keep me", null);
        var decisions = fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Decisions.DecisionCommands>();
        await decisions.CircleAsync(director.Principal, shotId, first, true, null);

        var circled = await Assert.ThrowsAsync<DomainException>(() => Board.RemoveTakeAsync(director.Principal, projectId, first));
        var byWriter = await Assert.ThrowsAsync<DomainException>(() => Board.RemoveTakeAsync(writer.Principal, projectId, second));
        await Board.RemoveTakeAsync(vfx.Principal, projectId, second);
        var noteOnRemoved = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.App.Services.GetRequiredService<NoteCommands>().AddAsync(director.Principal, second, FrameRange.At(3), "still here?", null));
        var third = await Given.TakeAsync(projectId, shotId);
        var restoreByVfx = await Assert.ThrowsAsync<DomainException>(() => Board.RestoreTakeAsync(vfx.Principal, projectId, second));
        var queries = fixture.App.Services.GetRequiredService<ProjectQueries>();
        var board = (await BoardOfAsync(projectId))!;

        Assert.Equal(DomainProblem.NotFound, noteOnRemoved.Problem);
        Assert.Contains("removed", noteOnRemoved.Message);
        Assert.Contains("circled", circled.Message);
        Assert.Contains("VFX lead", byWriter.Message);
        Assert.Contains("bring a removed take back", restoreByVfx.Message);
        Assert.Equal([1, 3], board.Shots.Single().Takes.Select(t => t.Version));
        Assert.Null(await queries.GetTakeAsync(second));
        var removed = Assert.Single(await queries.GetRemovedTakesAsync(projectId));
        Assert.Equal(("SH010 v002", "Priya Vfx"), (removed.Name, removed.RemovedBy));
        Assert.NotEqual(second, third);

        await Board.RestoreTakeAsync(director.Principal, projectId, second);
        Assert.Equal([1, 2, 3], (await BoardOfAsync(projectId))!.Shots.Single().Takes.Select(t => t.Version));
        var notes = await fixture.App.Services.GetRequiredService<NoteQueries>().GetForTakeAsync(second, director.UserId, false);
        Assert.Equal("keep me", Assert.Single(notes).Body);

        // Removed long ago: it can no longer come back.
        await Board.RemoveTakeAsync(director.Principal, projectId, third);
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync())
            await db.Takes.IgnoreQueryFilters().Where(t => t.Id == third).ExecuteUpdateAsync(set => set.SetProperty(t => t.RemovedAt, DateTime.UtcNow.AddDays(-31)));
        var tooLate = await Assert.ThrowsAsync<DomainException>(() => Board.RestoreTakeAsync(director.Principal, projectId, third));
        Assert.Contains("can no longer be restored", tooLate.Message);
    }
}
