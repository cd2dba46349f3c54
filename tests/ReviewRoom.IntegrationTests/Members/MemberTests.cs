using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Members;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.IntegrationTests.Members;

/// <summary>People in a project: invitations, roles, removal, each taking effect at once on pages' data and hub connections.</summary>
public sealed class MemberTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private const string Password = Scenario.Password;

    private MemberCommands Members => fixture.App.Services.GetRequiredService<MemberCommands>();

    private Scenario Given => new(fixture.App.Services);

    private async Task<(Guid UserId, Actor Principal, string Email)> NewPersonAsync(string name)
    {
        var person = await Given.PersonAsync(name);
        return (person.UserId, person.Principal, person.Email);
    }

    /// <summary>A project of its own, run by a new director.</summary>
    private async Task<(Guid ProjectId, Actor Director, Guid DirectorId)> NewProjectAsync()
    {
        var (projectId, _, director) = await Given.ProjectAsync();
        return (projectId, director.Principal, director.UserId);
    }

    private Task<ProjectRole?> RoleAsync(Guid projectId, Guid userId) =>
        fixture.App.Services.GetRequiredService<ProjectQueries>().GetRoleAsync(projectId, userId);

    [Fact]
    public async Task SingleUseInvitation_BringsTheFirstPersonInWithItsRole_AndTurnsTheNextAway()
    {
        var (projectId, director, _) = await NewProjectAsync();
        var (_, secret) = await Members.InviteAsync(director, projectId, ProjectRole.Writer, "Wren, writer", TimeSpan.FromDays(7), singleUse: true);
        var wren = await NewPersonAsync("Wren");
        var late = await NewPersonAsync("Late");

        var preview = await Members.PreviewAsync(secret);
        var joined = await Members.AcceptAsync(wren.Principal, secret);
        var error = await Assert.ThrowsAsync<DomainException>(() => Members.AcceptAsync(late.Principal, secret));

        Assert.Equal(ProjectRole.Writer, preview!.Role);
        Assert.Null(preview.WhyUnusable);
        Assert.Equal(projectId, joined);
        Assert.Equal(ProjectRole.Writer, await RoleAsync(projectId, wren.UserId));
        Assert.Null(await RoleAsync(projectId, late.UserId));
        Assert.Contains("already been used", error.Message);
        var listed = Assert.Single(await fixture.App.Services.GetRequiredService<MemberQueries>().GetInvitationsAsync(projectId));
        Assert.Equal("Wren", Assert.Single(listed.Uses).DisplayName);
        Assert.Equal("Wren, writer", listed.Note);
    }

    [Fact]
    public async Task MultiUseInvitation_LetsSeveralJoin_AndAnExistingMemberKeepsTheirRoleWithoutUsingIt()
    {
        var (projectId, director, directorId) = await NewProjectAsync();
        var (_, secret) = await Members.InviteAsync(director, projectId, ProjectRole.Viewer, "", TimeSpan.FromDays(1), singleUse: false);
        var first = await NewPersonAsync("First");
        var second = await NewPersonAsync("Second");

        await Members.AcceptAsync(first.Principal, secret);
        await Members.AcceptAsync(second.Principal, secret);
        await Members.AcceptAsync(director, secret);

        Assert.Equal(ProjectRole.Viewer, await RoleAsync(projectId, first.UserId));
        Assert.Equal(ProjectRole.Viewer, await RoleAsync(projectId, second.UserId));
        Assert.Equal(ProjectRole.Director, await RoleAsync(projectId, directorId));
        var listed = Assert.Single(await fixture.App.Services.GetRequiredService<MemberQueries>().GetInvitationsAsync(projectId));
        Assert.Equal(["First", "Second"], listed.Uses.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task ExpiredOrWithdrawnInvitation_IsRefusedWithAReason()
    {
        var (projectId, director, _) = await NewProjectAsync();
        var (expiredId, expired) = await Members.InviteAsync(director, projectId, ProjectRole.Writer, "", TimeSpan.FromDays(1), singleUse: false);
        var (withdrawnId, withdrawn) = await Members.InviteAsync(director, projectId, ProjectRole.Writer, "", TimeSpan.FromDays(1), singleUse: false);
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync())
            await db.Invitations.Where(i => i.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        await Members.RevokeInvitationAsync(director, projectId, withdrawnId);
        var person = await NewPersonAsync("Pat");

        var expiredError = await Assert.ThrowsAsync<DomainException>(() => Members.AcceptAsync(person.Principal, expired));
        var withdrawnError = await Assert.ThrowsAsync<DomainException>(() => Members.AcceptAsync(person.Principal, withdrawn));
        var forged = await Assert.ThrowsAsync<DomainException>(() => Members.AcceptAsync(person.Principal, "inv_" + new string('A', 43)));

        Assert.Contains("expired", expiredError.Message);
        Assert.Contains("withdrawn", withdrawnError.Message);
        Assert.Contains("not valid", forged.Message);
        Assert.Null(await RoleAsync(projectId, person.UserId));
        Assert.Null(await Members.PreviewAsync("../../etc/passwd"));
    }

    [Fact]
    public async Task OnlyDirectorsProducersAndAdministrators_ManagePeople_AndAnyoneMayLeave()
    {
        var (projectId, director, _) = await NewProjectAsync();
        var writer = await NewPersonAsync("Writer");
        var other = await NewPersonAsync("Other");
        var outsider = await NewPersonAsync("Outsider");
        await Members.AddExistingAsync(director, projectId, writer.Email, ProjectRole.Writer);
        await Members.AddExistingAsync(director, projectId, other.Email.ToUpperInvariant(), ProjectRole.VfxLead);

        await Assert.ThrowsAsync<DomainException>(() => Members.InviteAsync(writer.Principal, projectId, ProjectRole.Director, "", TimeSpan.FromDays(1), true));
        await Assert.ThrowsAsync<DomainException>(() => Members.ChangeRoleAsync(writer.Principal, projectId, writer.UserId, ProjectRole.Producer));
        await Assert.ThrowsAsync<DomainException>(() => Members.RemoveAsync(writer.Principal, projectId, other.UserId));
        await Assert.ThrowsAsync<DomainException>(() => Members.AddExistingAsync(outsider.Principal, projectId, outsider.Email, ProjectRole.Director));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => Members.AddExistingAsync(director, projectId, "nobody@studio.test", ProjectRole.Writer));
        var twice = await Assert.ThrowsAsync<DomainException>(() => Members.AddExistingAsync(director, projectId, writer.Email, ProjectRole.Viewer));
        await Members.LeaveAsync(other.Principal, projectId);

        Assert.Contains("invitation link", unknown.Message);
        Assert.Contains("already a member", twice.Message);
        Assert.Equal(ProjectRole.Writer, await RoleAsync(projectId, writer.UserId));
        Assert.Null(await RoleAsync(projectId, other.UserId));
        Assert.Null(await RoleAsync(projectId, outsider.UserId));
    }

    [Fact]
    public async Task TheLastDirectorOrProducer_CannotLeaveOrStepDown_UntilSomeoneElseRunsTheProject()
    {
        var (projectId, director, directorId) = await NewProjectAsync();
        var producer = await NewPersonAsync("Prod");
        await Members.AddExistingAsync(director, projectId, producer.Email, ProjectRole.Writer);

        var leave = await Assert.ThrowsAsync<DomainException>(() => Members.LeaveAsync(director, projectId));
        var stepDown = await Assert.ThrowsAsync<DomainException>(() => Members.ChangeRoleAsync(director, projectId, directorId, ProjectRole.Writer));
        await Members.ChangeRoleAsync(director, projectId, producer.UserId, ProjectRole.Producer);
        await Members.LeaveAsync(director, projectId);

        Assert.Contains("at least one director or producer", leave.Message);
        Assert.Contains("at least one director or producer", stepDown.Message);
        Assert.Null(await RoleAsync(projectId, directorId));
        Assert.Equal(ProjectRole.Producer, await RoleAsync(projectId, producer.UserId));
    }

    [Fact]
    public async Task RemovedPerson_HubConnectionLeavesTheRoomAtOnce_AndADemotedOneIsRefusedAtOnce()
    {
        var (projectId, director, _) = await NewProjectAsync();
        var shotId = await fixture.App.Services.GetRequiredService<ProjectCommands>().AddShotAsync(projectId, null, "SH015", "", "");
        var writer = await NewPersonAsync("Writer");
        var viewer = await NewPersonAsync("Viewer");
        await Members.AddExistingAsync(director, projectId, writer.Email, ProjectRole.Writer);
        await Members.AddExistingAsync(director, projectId, viewer.Email, ProjectRole.Writer);
        await using var writerLive = await LivePerson.SignInAsync(fixture.BaseAddress, writer.Email, Password);
        await using var viewerLive = await LivePerson.SignInAsync(fixture.BaseAddress, viewer.Email, Password);
        await using var writerHub = writerLive.CreateHubConnection();
        await using var viewerHub = viewerLive.CreateHubConnection();
        var writerSaw = new ConcurrentQueue<RoomEventMessage>();
        writerHub.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), writerSaw.Enqueue);
        await writerHub.StartAsync();
        await viewerHub.StartAsync();
        await writerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), projectId, 0L);
        await viewerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), projectId, 0L);

        await Members.ChangeRoleAsync(director, projectId, viewer.UserId, ProjectRole.Viewer);
        await Members.RemoveAsync(director, projectId, writer.UserId);
        await Eventually.UntilAsync(() => writerSaw.Any(e => e.Type == RoomEventTypes.MemberRemoved), "the writer to hear they were removed");
        await fixture.App.Services.GetRequiredService<ProjectCommands>().AddShotAsync(projectId, null, "SH020", "", "");
        var afterRemoval = writerSaw.Count;

        var takeId = await Given.TakeAsync(projectId, shotId);
        var refusedNote = await Assert.ThrowsAsync<HubException>(() => viewerHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote),
            new AddNoteRequest(takeId, 0, null, "a note", null)));
        var refusedRoom = await Assert.ThrowsAsync<HubException>(() => writerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), projectId, 0L));
        // A later event in the room (the viewer's own note attempt wrote nothing) must not reach the removed writer.
        await Members.InviteAsync(director, projectId, ProjectRole.Writer, "", TimeSpan.FromDays(1), true);
        await Eventually.UntilAsync(async () => (await fixture.App.Services.GetRequiredService<MemberQueries>().GetInvitationsAsync(projectId)).Count == 1, "the invitation");

        Assert.Equal(afterRemoval, writerSaw.Count);
        Assert.DoesNotContain(writerSaw, e => e.Type == RoomEventTypes.ShotAdded && e.Sequence > writerSaw.First(r => r.Type == RoomEventTypes.MemberRemoved).Sequence);
        Assert.Contains("not a member", refusedRoom.Message);
        Assert.Contains("note", refusedNote.Message, StringComparison.OrdinalIgnoreCase);
    }
}
