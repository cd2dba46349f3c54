using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Notes.Services;

/// <summary>
/// Every change to notes, from the take page and from the hub alike: authorised against the
/// caller's membership on the server, then written through the room-event pipeline. Every note
/// event's payload is the note as a <see cref="NoteView"/> (text blank when deleted).
/// </summary>
public sealed class NoteCommands(RoomWriter writer, ProjectQueries projects, NoteQueries notes, ProjectAccess access, TimeProvider clock)
{
    public async Task<NoteView> AddAsync(ClaimsPrincipal user, Guid takeId, FrameRange frames, string typedBody, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var (userId, projectId, role) = await AuthorizeAsync(user, await projects.GetProjectIdOfTakeAsync(takeId, cancellationToken), cancellationToken);
        var members = await notes.GetMembersAsync(projectId, cancellationToken);
        var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(members));
        var written = await writer.WriteAsync(projectId, userId, idempotencyKey, async (db, _, ct) =>
        {
            var take = await db.Takes.SingleAsync(t => t.Id == takeId, ct);
            var note = Note.Start(projectId, take, userId, role, frames, body, mentioned, Now);
            db.Notes.Add(note);
            return Draft(RoomEventTypes.NoteAdded, note, NameOf(members, userId), 0);
        }, cancellationToken);
        return ViewOf(written);
    }

    public async Task<NoteView> ReplyAsync(ClaimsPrincipal user, Guid parentNoteId, string typedBody, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var parent = await notes.GetAsync(parentNoteId, cancellationToken);
        var projectId = parent is null ? null : await projects.GetProjectIdOfTakeAsync(parent.TakeId, cancellationToken);
        var (userId, project, role) = await AuthorizeAsync(user, projectId, cancellationToken);
        var members = await notes.GetMembersAsync(project, cancellationToken);
        var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(members));
        var written = await writer.WriteAsync(project, userId, idempotencyKey, async (db, _, ct) =>
        {
            var thread = await db.Notes.SingleAsync(n => n.Id == parentNoteId, ct);
            var reply = thread.Reply(userId, role, body, mentioned, Now);
            db.Notes.Add(reply);
            return Draft(RoomEventTypes.NoteAdded, reply, NameOf(members, userId), 0);
        }, cancellationToken);
        return ViewOf(written);
    }

    public Task<NoteView> EditAsync(ClaimsPrincipal user, Guid noteId, int expectedVersion, string typedBody, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, RoomEventTypes.NoteEdited, (note, actor) =>
        {
            var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(actor.Members));
            note.Edit(actor.UserId, expectedVersion, body, mentioned, Now);
        }, cancellationToken);

    public Task<NoteView> ResolveAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, RoomEventTypes.NoteResolved, (note, actor) => note.Resolve(actor.UserId, actor.Role, Now), cancellationToken);

    public Task<NoteView> ReopenAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, RoomEventTypes.NoteReopened, (note, actor) => note.Reopen(actor.Role), cancellationToken);

    public Task<NoteView> DeleteAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, RoomEventTypes.NoteDeleted, (note, actor) => note.Delete(actor.UserId, actor.IsAdmin, Now), cancellationToken);

    public Task<NoteView> RestoreAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, RoomEventTypes.NoteRestored, (note, actor) => note.Restore(actor.UserId, actor.IsAdmin), cancellationToken);

    private sealed record Actor(Guid UserId, ProjectRole Role, bool IsAdmin, IReadOnlyList<MemberView> Members);

    private async Task<NoteView> ChangeAsync(ClaimsPrincipal user, Guid noteId, string eventType, Action<Note, Actor> change, CancellationToken cancellationToken)
    {
        var existing = await notes.GetAsync(noteId, cancellationToken);
        var projectId = existing is null ? null : await projects.GetProjectIdOfTakeAsync(existing.TakeId, cancellationToken);
        var (userId, project, role) = await AuthorizeAsync(user, projectId, cancellationToken);
        var members = await notes.GetMembersAsync(project, cancellationToken);
        var actor = new Actor(userId, role, user.IsAdmin(), members);
        var written = await writer.WriteAsync(project, userId, null, async (db, _, ct) =>
        {
            var note = await db.Notes.Include(n => n.Mentions).SingleAsync(n => n.Id == noteId, ct);
            change(note, actor);
            var revisions = await db.Set<NoteRevision>().CountAsync(r => r.NoteId == noteId, ct)
                + (eventType == RoomEventTypes.NoteEdited ? 1 : 0);
            return Draft(eventType, note, NameOf(members, note.AuthorUserId), revisions);
        }, cancellationToken);
        return ViewOf(written);
    }

    /// <summary>Who the caller is in the project, from the server's records; never from anything the client says.</summary>
    private Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> AuthorizeAsync(ClaimsPrincipal user, Guid? projectId, CancellationToken cancellationToken) =>
        access.RequireMemberAsync(user, projectId, "take or note", cancellationToken);

    private static RoomEventDraft Draft(string type, Note note, string authorName, int revisions) =>
        new(type, NoteView.From(note, authorName, revisions, hideBody: note.IsDeleted));

    private static NoteView ViewOf(RoomEvent written) =>
        JsonSerializer.Deserialize<NoteView>(written.PayloadJson, RoomWriter.PayloadJson)!;

    private static IEnumerable<Mentionable> Mentionables(IEnumerable<MemberView> members) =>
        members.Select(m => new Mentionable(m.UserId, m.DisplayName));

    private static string NameOf(IEnumerable<MemberView> members, Guid userId) =>
        members.FirstOrDefault(m => m.UserId == userId)?.DisplayName ?? "Someone";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
