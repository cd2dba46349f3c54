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
public sealed class NoteCommands(RoomWriter writer, NoteQueries notes, ProjectQueries projects, ProjectAccess access, TimeProvider clock)
{
    public async Task<NoteView> AddAsync(Actor actor, Guid takeId, FrameRange frames, string typedBody, string? idempotencyKey, Drawing? drawing = null,
        CancellationToken cancellationToken = default)
    {
        // The take is read alongside the check, not inside the write: the note needs only its length, which never changes.
        var takeRead = projects.FindTakeAsync(takeId, cancellationToken);
        (Guid UserId, Guid ProjectId, ProjectRole Role, IReadOnlyList<MemberView> Members) caller;
        try
        {
            caller = await access.RequireTakeWithMembersAsync(actor, takeId, "take", cancellationToken);
        }
        finally
        {
            await ((Task)takeRead).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var (userId, projectId, role, members) = caller;
        var take = await takeRead ?? throw DomainException.NotFound("That take has been removed from the board.");
        var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(members));
        var written = await writer.WriteAsync(projectId, userId, idempotencyKey, (db, _, _) =>
        {
            var note = Note.Start(projectId, take, userId, role, frames, body, mentioned, Now, drawing);
            db.Notes.Add(note);
            return Task.FromResult(new RoomEventDraft(new NoteAdded(ViewOf(note, AuthorName(members, actor), 0))));
        }, cancellationToken);
        return ViewOf(written);
    }

    public async Task<NoteView> ReplyAsync(Actor actor, Guid parentNoteId, string typedBody, string? idempotencyKey, Drawing? drawing = null,
        CancellationToken cancellationToken = default)
    {
        var parent = await notes.GetAsync(parentNoteId, cancellationToken);
        var (userId, project, role, members) = await AuthorizeAsync(actor, parent, cancellationToken);
        var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(members));
        var written = await writer.WriteAsync(project, userId, idempotencyKey, async (db, _, ct) =>
        {
            var thread = await db.Notes.SingleAsync(n => n.Id == parentNoteId, ct);
            var reply = thread.Reply(userId, role, body, mentioned, Now, drawing);
            db.Notes.Add(reply);
            return new RoomEventDraft(new NoteAdded(ViewOf(reply, AuthorName(members, actor), 0)));
        }, cancellationToken);
        return ViewOf(written);
    }

    public Task<NoteView> EditAsync(Actor actor, Guid noteId, int expectedVersion, string typedBody, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, noteId, view => new NoteEdited(view), (note, editor) =>
        {
            var (body, mentioned) = Mentions.Encode(typedBody, Mentionables(editor.Members));
            note.Edit(editor.UserId, expectedVersion, body, mentioned, Now);
        }, cancellationToken);

    public Task<NoteView> ResolveAsync(Actor actor, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, noteId, view => new NoteResolved(view), (note, editor) => note.Resolve(editor.UserId, editor.Role, Now), cancellationToken);

    public Task<NoteView> ReopenAsync(Actor actor, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, noteId, view => new NoteReopened(view), (note, editor) => note.Reopen(editor.Role), cancellationToken);

    public Task<NoteView> DeleteAsync(Actor actor, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, noteId, view => new NoteDeleted(view), (note, editor) => note.Delete(editor.UserId, editor.IsAdmin, Now), cancellationToken);

    public Task<NoteView> RestoreAsync(Actor actor, Guid noteId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, noteId, view => new NoteRestored(view), (note, editor) => note.Restore(editor.UserId, editor.IsAdmin), cancellationToken);

    private sealed record NoteEditor(Guid UserId, ProjectRole Role, bool IsAdmin, IReadOnlyList<MemberView> Members);

    private async Task<NoteView> ChangeAsync(Actor actor, Guid noteId, Func<NoteView, NoteChanged> announce, Action<Note, NoteEditor> change, CancellationToken cancellationToken)
    {
        var existing = await notes.GetAsync(noteId, cancellationToken);
        var (userId, project, role, members) = await AuthorizeAsync(actor, existing, cancellationToken);
        var editor = new NoteEditor(userId, role, actor.IsAdministrator, members);
        var written = await writer.WriteAsync(project, userId, null, async (db, _, ct) =>
        {
            var note = await db.Notes.Include(n => n.Mentions).SingleAsync(n => n.Id == noteId, ct);
            change(note, editor);
            // An edit's own revision is not saved yet when counted.
            var revisions = await db.Set<NoteRevision>().CountAsync(r => r.NoteId == noteId, ct)
                + (db.ChangeTracker.Entries<NoteRevision>().Count(r => r.State == EntityState.Added && r.Entity.NoteId == noteId));
            return new RoomEventDraft(announce(ViewOf(note, existing!.AuthorName, revisions)));
        }, cancellationToken);
        return ViewOf(written);
    }

    /// <summary>Who the caller is on the note's take, from the server's records; never from anything the client says.</summary>
    private Task<(Guid UserId, Guid ProjectId, ProjectRole Role, IReadOnlyList<MemberView> Members)> AuthorizeAsync(Actor actor, NoteView? note, CancellationToken cancellationToken) =>
        access.RequireTakeWithMembersAsync(actor, note?.TakeId, "note", cancellationToken);

    private static NoteView ViewOf(Note note, string authorName, int revisions) =>
        NoteView.From(note, authorName, revisions, hideBody: note.IsDeleted);

    /// <summary>The note as the room was told of it; a retried add returns the first one's.</summary>
    private static NoteView ViewOf(RoomEvent written) =>
        RoomEventCatalog.ReadAs<NoteChanged>(written)!.Note;

    private static IEnumerable<Mentionable> Mentionables(IEnumerable<MemberView> members) =>
        members.Select(m => new Mentionable(m.UserId, m.DisplayName));

    /// <summary>The caller's name as the room knows it; a guest, who is not a member, by the name they gave.</summary>
    public static string AuthorName(IEnumerable<MemberView> members, Actor actor) =>
        members.FirstOrDefault(m => m.UserId == actor.UserId)?.DisplayName ?? actor.DisplayName;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
