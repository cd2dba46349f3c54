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
public sealed class NoteCommands(RoomWriter writer, NoteQueries notes, ProjectAccess access, TimeProvider clock)
{
    public async Task<NoteView> AddAsync(ClaimsPrincipal user, Guid takeId, FrameRange frames, string typedBody, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var (userId, projectId, role) = await access.RequireTakeAsync(user, takeId, "take", cancellationToken);
        var members = await notes.GetMembersAsync(projectId, cancellationToken);
        var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(members));
        var written = await writer.WriteAsync(projectId, userId, idempotencyKey, async (db, _, ct) =>
        {
            var take = await db.Takes.SingleAsync(t => t.Id == takeId, ct);
            var note = Note.Start(projectId, take, userId, role, frames, body, mentioned, Now);
            db.Notes.Add(note);
            return new RoomEventDraft(new NoteAdded(ViewOf(note, AuthorName(members, user), 0)));
        }, cancellationToken);
        return ViewOf(written);
    }

    public async Task<NoteView> ReplyAsync(ClaimsPrincipal user, Guid parentNoteId, string typedBody, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var parent = await notes.GetAsync(parentNoteId, cancellationToken);
        var (userId, project, role) = await AuthorizeAsync(user, parent, cancellationToken);
        var members = await notes.GetMembersAsync(project, cancellationToken);
        var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(members));
        var written = await writer.WriteAsync(project, userId, idempotencyKey, async (db, _, ct) =>
        {
            var thread = await db.Notes.SingleAsync(n => n.Id == parentNoteId, ct);
            var reply = thread.Reply(userId, role, body, mentioned, Now);
            db.Notes.Add(reply);
            return new RoomEventDraft(new NoteAdded(ViewOf(reply, AuthorName(members, user), 0)));
        }, cancellationToken);
        return ViewOf(written);
    }

    public Task<NoteView> EditAsync(ClaimsPrincipal user, Guid noteId, int expectedVersion, string typedBody, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, view => new NoteEdited(view), (note, actor) =>
        {
            var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(actor.Members));
            note.Edit(actor.UserId, expectedVersion, body, mentioned, Now);
        }, cancellationToken);

    public Task<NoteView> ResolveAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, view => new NoteResolved(view), (note, actor) => note.Resolve(actor.UserId, actor.Role, Now), cancellationToken);

    public Task<NoteView> ReopenAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, view => new NoteReopened(view), (note, actor) => note.Reopen(actor.Role), cancellationToken);

    public Task<NoteView> DeleteAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, view => new NoteDeleted(view), (note, actor) => note.Delete(actor.UserId, actor.IsAdmin, Now), cancellationToken);

    public Task<NoteView> RestoreAsync(ClaimsPrincipal user, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, noteId, view => new NoteRestored(view), (note, actor) => note.Restore(actor.UserId, actor.IsAdmin), cancellationToken);

    private sealed record Actor(Guid UserId, ProjectRole Role, bool IsAdmin, IReadOnlyList<MemberView> Members);

    private async Task<NoteView> ChangeAsync(ClaimsPrincipal user, Guid noteId, Func<NoteView, NoteChanged> announce, Action<Note, Actor> change, CancellationToken cancellationToken)
    {
        var existing = await notes.GetAsync(noteId, cancellationToken);
        var (userId, project, role) = await AuthorizeAsync(user, existing, cancellationToken);
        var members = await notes.GetMembersAsync(project, cancellationToken);
        var actor = new Actor(userId, role, user.IsAdmin(), members);
        var written = await writer.WriteAsync(project, userId, null, async (db, _, ct) =>
        {
            var note = await db.Notes.Include(n => n.Mentions).SingleAsync(n => n.Id == noteId, ct);
            change(note, actor);
            // An edit's own revision is not saved yet when counted.
            var revisions = await db.Set<NoteRevision>().CountAsync(r => r.NoteId == noteId, ct)
                + (db.ChangeTracker.Entries<NoteRevision>().Count(r => r.State == EntityState.Added && r.Entity.NoteId == noteId));
            return new RoomEventDraft(announce(ViewOf(note, existing!.AuthorName, revisions)));
        }, cancellationToken);
        return ViewOf(written);
    }

    /// <summary>Who the caller is on the note's take, from the server's records; never from anything the client says.</summary>
    private Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> AuthorizeAsync(ClaimsPrincipal user, NoteView? note, CancellationToken cancellationToken) =>
        access.RequireTakeAsync(user, note?.TakeId, "note", cancellationToken);

    private static NoteView ViewOf(Note note, string authorName, int revisions) =>
        NoteView.From(note, authorName, revisions, hideBody: note.IsDeleted);

    /// <summary>The note as the room was told of it; a retried add returns the first one's.</summary>
    private static NoteView ViewOf(RoomEvent written) =>
        RoomEventCatalog.ReadAs<NoteChanged>(written)!.Note;

    private static IEnumerable<Mentionable> Mentionables(IEnumerable<MemberView> members) =>
        members.Select(m => new Mentionable(m.UserId, m.DisplayName));

    /// <summary>The caller's name as the room knows it; a guest, who is not a member, by the name they gave.</summary>
    public static string AuthorName(IEnumerable<MemberView> members, ClaimsPrincipal caller) =>
        members.FirstOrDefault(m => m.UserId == caller.GetUserId())?.DisplayName ?? caller.GetDisplayName();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
