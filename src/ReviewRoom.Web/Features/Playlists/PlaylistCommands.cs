using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Playlists;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Playlists;

/// <summary>
/// Dailies playlists: made, renamed, filled, reordered and deleted by anyone taking part in the review (not viewers),
/// each change a room event. Visits are recorded here too: they are what "new since my last visit" counts from.
/// </summary>
public sealed class PlaylistCommands(RoomWriter writer, ProjectAccess access, TimeProvider clock)
{
    private const string Refusal = "Viewers watch playlists; someone taking part in the review makes and changes them.";

    public async Task<Guid> CreateAsync(Actor actor, Guid projectId, string name, IReadOnlyList<Guid>? takeIds = null)
    {
        var actorId = await access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanWriteNotes, Refusal);
        var playlist = new Playlist(projectId, name, actorId, Now);
        await writer.WriteAsync(projectId, actorId, null, async (db, _, ct) =>
        {
            playlist.SetTakes(await TakesOfProjectAsync(db, projectId, takeIds ?? [], ct), Now);
            db.Playlists.Add(playlist);
            return new RoomEventDraft(new PlaylistSaved(playlist.Id, playlist.Name, playlist.TakeIds.Count));
        });
        return playlist.Id;
    }

    public Task RenameAsync(Actor actor, Guid playlistId, string name) =>
        ChangeAsync(actor, playlistId, (playlist, _, _) =>
        {
            playlist.Rename(name, Now);
            return Task.CompletedTask;
        });

    /// <summary>The playlist's takes in their new order: adding, removing and reordering are all this.</summary>
    public Task SetTakesAsync(Actor actor, Guid playlistId, IReadOnlyList<Guid> takeIds) =>
        ChangeAsync(actor, playlistId, async (playlist, db, ct) => playlist.SetTakes(await TakesOfProjectAsync(db, playlist.ProjectId, takeIds, ct), Now));

    public Task AddTakeAsync(Actor actor, Guid playlistId, Guid takeId) =>
        ChangeAsync(actor, playlistId, async (playlist, db, ct) =>
        {
            if (playlist.TakeIds.Contains(takeId))
                throw new DomainException($"That take is already in \"{playlist.Name}\".");
            playlist.SetTakes(await TakesOfProjectAsync(db, playlist.ProjectId, [.. playlist.TakeIds, takeId], ct), Now);
        });

    public async Task DeleteAsync(Actor actor, Guid playlistId)
    {
        var projectId = await ProjectOfAsync(playlistId);
        var actorId = await access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanWriteNotes, Refusal);
        await writer.WriteAsync(projectId, actorId, null, async (db, _, ct) =>
        {
            var playlist = await FindAsync(db, playlistId, projectId, ct);
            db.Playlists.Remove(playlist);
            return new RoomEventDraft(new PlaylistDeleted(playlist.Id, playlist.Name));
        });
    }

    /// <summary>The person opened the project: the visit before this one is what their "new since my last visit" counts from.</summary>
    public async Task VisitAsync(Actor actor, Guid projectId)
    {
        if (actor is not Actor.Person person || await access.GetRoleAsync(actor, projectId) is null)
            return;
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var visit = await db.ProjectVisits.SingleOrDefaultAsync(v => v.ProjectId == projectId && v.UserId == person.Id, ct);
            if (visit is null)
                db.ProjectVisits.Add(new ProjectVisit(projectId, person.Id, Now));
            else
                visit.Visit(Now);
        });
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task ChangeAsync(Actor actor, Guid playlistId, Func<Playlist, Data.ReviewRoomDbContext, CancellationToken, Task> change)
    {
        var projectId = await ProjectOfAsync(playlistId);
        var actorId = await access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanWriteNotes, Refusal);
        await writer.WriteAsync(projectId, actorId, null, async (db, _, ct) =>
        {
            var playlist = await FindAsync(db, playlistId, projectId, ct);
            await change(playlist, db, ct);
            return new RoomEventDraft(new PlaylistSaved(playlist.Id, playlist.Name, playlist.TakeIds.Count));
        });
    }

    private async Task<Guid> ProjectOfAsync(Guid playlistId)
    {
        await using var db = await writer.CreateReadContextAsync(CancellationToken.None);
        return await db.Playlists.Where(p => p.Id == playlistId).Select(p => (Guid?)p.ProjectId).SingleOrDefaultAsync()
            ?? throw DomainException.NotFound("That playlist does not exist, or you are not a member of its project.");
    }

    private static async Task<Playlist> FindAsync(Data.ReviewRoomDbContext db, Guid playlistId, Guid projectId, CancellationToken ct) =>
        await db.Playlists.SingleOrDefaultAsync(p => p.Id == playlistId && p.ProjectId == projectId, ct)
            ?? throw DomainException.NotFound("That playlist was deleted meanwhile.");

    /// <summary>The given takes, in their order, refusing any that is not a take on this project's board.</summary>
    private static async Task<IReadOnlyList<Guid>> TakesOfProjectAsync(Data.ReviewRoomDbContext db, Guid projectId, IReadOnlyList<Guid> takeIds, CancellationToken ct)
    {
        if (takeIds.Count > Playlist.MaxTakes)
            throw new DomainException($"A playlist holds at most {Playlist.MaxTakes} takes; make a second one for the rest.");
        var wanted = takeIds.Distinct().ToList();
        var known = await db.Takes.Where(t => wanted.Contains(t.Id) && t.RemovedAt == null)
            .Join(db.Shots.Where(s => s.ProjectId == projectId), t => t.ShotId, s => s.Id, (t, _) => t.Id).ToListAsync(ct);
        if (known.Count != wanted.Count)
            throw DomainException.NotFound("One of those takes is not on this project's board (it may have been removed).");
        return takeIds;
    }
}
