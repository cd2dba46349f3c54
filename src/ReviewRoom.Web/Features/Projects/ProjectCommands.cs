using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.Web.Features.Projects;

/// <summary>Changes to projects, shots and takes, each written through the room-event pipeline.</summary>
public sealed class ProjectCommands(RoomWriter writer, Admin.SiteSettings settings, TimeProvider clock)
{
    /// <summary>Creates a project with its creator as director (the person who runs its review).</summary>
    public async Task<Guid> CreateProjectAsync(Actor actor, string name, string description)
    {
        var userId = actor.UserId ?? throw new DomainException("Sign in to create a project.");
        if (actor is Actor.Guest)
            throw DomainException.Forbidden("Guests on a review link review the takes they were sent; projects are started by the team.");
        if (!await settings.MayCreateProjectAsync(userId, actor.IsAdministrator))
            throw DomainException.Forbidden("On this ReviewRoom, projects are started by administrators and producers. Ask one of them to start it and add you.");
        var now = clock.GetUtcNow().UtcDateTime;
        var project = new Project(name, description, now);
        await writer.CreateProjectAsync(project, userId);
        await AddMemberAsync(project.Id, userId, userId, ProjectRole.Director, now);
        return project.Id;
    }

    /// <summary>Adds a member directly; callers authorise (see <see cref="Members.MemberCommands"/>).</summary>
    public Task AddMemberAsync(Guid projectId, Guid? actorUserId, Guid userId, ProjectRole role, DateTime joinedAtUtc, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(projectId, actorUserId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Members).LoadAsync(ct);
            var member = project.AddMember(userId, role, joinedAtUtc);
            return new RoomEventDraft(new MemberAdded(userId, member.Role));
        }, cancellationToken);

    /// <summary>
    /// Adds a shot for a caller that was authorised where it came in: a pipeline token's scope (the API) or the
    /// demo seeder. People on the board go through <see cref="BoardCommands.AddShotAsync"/>, which checks their role.
    /// </summary>
    public async Task<Guid> AddShotAsync(Guid projectId, Guid? actorUserId, string code, string sceneLabel, string description, CancellationToken cancellationToken = default)
    {
        var shotId = Guid.Empty;
        await writer.WriteAsync(projectId, actorUserId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Shots).LoadAsync(ct);
            var shot = project.AddShot(code, sceneLabel, description);
            shotId = shot.Id;
            return new RoomEventDraft(new ShotAdded(shotId, shot.Code, shot.Order));
        }, cancellationToken);
        return shotId;
    }

    public async Task<Take> AddTakeAsync(Guid projectId, Guid shotId, Guid? actorUserId, TakeMedia media, GenerationInfo generation, DateTime createdAtUtc, CancellationToken cancellationToken = default)
    {
        Take? added = null;
        await writer.WriteAsync(projectId, actorUserId, null, async (db, _, ct) =>
        {
            var shot = await db.Shots.IgnoreQueryFilters().Include(s => s.Takes).SingleOrDefaultAsync(s => s.Id == shotId && s.ProjectId == projectId, ct)
                ?? throw DomainException.NotFound("That shot does not exist in this project.");
            added = shot.AddTake(media, generation, actorUserId, createdAtUtc);
            return new RoomEventDraft(new TakeIngested(added.Id, shotId, added.Version));
        }, cancellationToken);
        return added!;
    }
}
