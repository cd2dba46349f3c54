using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.Web.Features.Projects;

/// <summary>
/// Keeping the board in shape: the project's name and description, each shot's code, scene, description
/// and place in the cut, putting shots away and back, and deleting a project. Each change is a room event.
/// </summary>
public sealed class BoardCommands(RoomWriter writer, ProjectAccess access, ProjectCommands projects, IRoomEventBus bus, TimeProvider clock)
{
    public async Task DescribeProjectAsync(Actor actor, Guid projectId, string name, string description)
    {
        var actorId = await access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageMembers, "Only the project's director or producer (or an administrator) can change this.");
        await writer.WriteAsync(projectId, actorId, null, (_, project, _) =>
        {
            project.Describe(name, description);
            return Task.FromResult(new RoomEventDraft(new ProjectChanged(project.Name, project.Description)));
        });
    }

    /// <summary>A new shot at the end of the cut, by a member who manages shots or a pipeline token that may ingest.</summary>
    public async Task<Guid> AddShotAsync(Actor actor, Guid projectId, string code, string sceneLabel, string description, CancellationToken cancellationToken = default)
    {
        await access.RequireChangeAsync(actor, projectId, ProjectRolePolicy.CanManageShots, "create shots", administratorsMay: true, cancellationToken);
        return await projects.AddShotAsync(projectId, actor.UserId, code, sceneLabel, description, cancellationToken);
    }

    public async Task EditShotAsync(Actor actor, Guid projectId, Guid shotId, string code, string sceneLabel, string description)
    {
        var actorId = await RequireShotManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Shots).LoadAsync(ct);
            var shot = project.EditShot(shotId, code, sceneLabel, description);
            return new RoomEventDraft(new ShotChanged(shotId, shot.Code, shot.SceneLabel));
        });
    }

    /// <summary>Puts a shot at a position in the cut (1 is first).</summary>
    public async Task MoveShotAsync(Actor actor, Guid projectId, Guid shotId, int position)
    {
        var actorId = await RequireShotManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Shots).LoadAsync(ct);
            var shot = project.MoveShot(shotId, position);
            return new RoomEventDraft(new ShotMoved(shotId, shot.Code, shot.Order));
        });
    }

    public async Task SetArchivedAsync(Actor actor, Guid projectId, Guid shotId, bool archived)
    {
        var actorId = await RequireShotManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Shots).LoadAsync(ct);
            var shot = project.FindShot(shotId);
            if (archived)
                shot.Archive(clock.GetUtcNow().UtcDateTime);
            else
                shot.Restore();
            return new RoomEventDraft(archived ? new ShotArchived(shotId, shot.Code) : new ShotRestored(shotId, shot.Code));
        });
    }

    /// <summary>
    /// Takes a take off its shot: gone from the board, lists and the API, its notes and decisions kept, and
    /// restorable for 30 days. The circled take stays until its circle is removed.
    /// </summary>
    public async Task RemoveTakeAsync(Actor actor, Guid projectId, Guid takeId)
    {
        var actorId = await RequireShotManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorId, null, async (db, _, ct) =>
        {
            var shot = await ShotOfTakeAsync(db, projectId, takeId, ct);
            var circled = await db.ShotSelections.Where(s => s.ShotId == shot.Id).OrderByDescending(s => s.SelectedAt).ThenByDescending(s => s.Id)
                .Select(s => s.TakeId).FirstOrDefaultAsync(ct);
            if (circled == takeId)
                throw new DomainException("This take is circled for the cut. Remove the circle first, then the take.");
            var take = shot.RemoveTake(takeId, actorId, clock.GetUtcNow().UtcDateTime);
            return new RoomEventDraft(new TakeRemoved(takeId, shot.Id, take.Version));
        });
    }

    /// <summary>Brings a removed take back (director, producer or administrator; within 30 days).</summary>
    public async Task RestoreTakeAsync(Actor actor, Guid projectId, Guid takeId)
    {
        var actorId = await access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageMembers, "Only the project's director or producer (or an administrator) can bring a removed take back.");
        await writer.WriteAsync(projectId, actorId, null, async (db, _, ct) =>
        {
            var shot = await ShotOfTakeAsync(db, projectId, takeId, ct);
            var take = shot.RestoreTake(takeId, clock.GetUtcNow().UtcDateTime);
            return new RoomEventDraft(new TakeRestored(takeId, shot.Id, take.Version));
        });
    }

    private static async Task<Shot> ShotOfTakeAsync(Data.ReviewRoomDbContext db, Guid projectId, Guid takeId, CancellationToken ct)
    {
        var shotId = await db.Takes.IgnoreQueryFilters().Where(t => t.Id == takeId).Select(t => (Guid?)t.ShotId).SingleOrDefaultAsync(ct);
        return await db.Shots.IgnoreQueryFilters().Include(s => s.Takes).SingleOrDefaultAsync(s => s.Id == shotId && s.ProjectId == projectId, ct)
            ?? throw DomainException.NotFound("That take does not exist in this project.");
    }

    /// <summary>
    /// Deletes a project with everything in it. Administrators only, and only with the project's exact
    /// name typed, because nothing brings it back. Open pages of it are told and leave.
    /// </summary>
    public async Task DeleteProjectAsync(Actor actor, Guid projectId, string typedName)
    {
        var (actorId, _, _) = await access.RequireMemberAsync(actor, projectId, "project");
        if (!actor.IsAdministrator)
            throw DomainException.Forbidden("Only a site administrator can delete a project.");
        long last = 0;
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, ct)
                ?? throw DomainException.NotFound("That project does not exist (it may have been deleted).");
            if (!string.Equals((typedName ?? "").Trim(), project.Name, StringComparison.Ordinal))
                throw new DomainException($"Type the project's name exactly ({project.Name}) to delete it.");
            last = project.LastEventSequence;
            db.Projects.Remove(project);
        });
        await bus.PublishAsync(new RoomEvent(projectId, last + 1, RoomEventCatalog.WireNameOf<ProjectDeleted>(), RoomEventCatalog.ToJson(new ProjectDeleted()), actorId, null, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
    }

    private Task<Guid> RequireShotManagerAsync(Actor actor, Guid projectId) =>
        access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageShots, "Only the director, producer or VFX lead (or an administrator) can change this.");
}
