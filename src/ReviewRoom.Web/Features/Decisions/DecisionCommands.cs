using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Decisions;

/// <summary>Decisions, the circled take, votes and the approval policy, each written through the room-event pipeline.</summary>
public sealed class DecisionCommands(RoomWriter writer, ProjectQueries projects, ProjectAccess access, TimeProvider clock)
{
    /// <summary>
    /// Records the caller's decision on a take. A comment given with a frame also becomes a timecoded
    /// note there, in the same transaction, so the reason sits on the timeline with the other notes.
    /// </summary>
    public async Task DecideAsync(Actor actor, Guid takeId, DecisionKind kind, string? comment, long? atFrame, CancellationToken cancellationToken = default)
    {
        var (userId, projectId, role, members) = await access.RequireTakeWithMembersAsync(actor, takeId, "take", cancellationToken);
        await writer.WriteAsync(projectId, userId, null, async (db, tracked, ct) =>
        {
            var previous = await db.TakeDecisions.SingleOrDefaultAsync(d => d.TakeId == takeId && d.UserId == userId && d.SupersededAt == null, ct);
            var others = await db.TakeDecisions.Where(d => d.TakeId == takeId && d.UserId != userId && d.SupersededAt == null)
                .Select(d => new { d.Role, d.Kind }).ToListAsync(ct);
            var othersDecided = others.Select(d => (d.Role, d.Kind)).ToList();
            // The take's status before and after, so listeners (webhooks) learn "approved" or "changes requested" from the event itself.
            var statusBefore = DecisionPolicy.StatusOf(previous is null ? othersDecided : [.. othersDecided, (previous.Role, previous.Kind)], tracked.Policy);
            var statusAfter = DecisionPolicy.StatusOf([.. othersDecided, (role, kind)], tracked.Policy);
            Note? note = null;
            if (atFrame is { } frame && !string.IsNullOrWhiteSpace(comment))
            {
                var take = await db.Takes.SingleAsync(t => t.Id == takeId, ct);
                var (body, mentioned) = Mentions.Encode($"**{TakeDecision.DisplayName(kind)}**: {comment.Trim()}", members.Select(m => new Mentionable(m.UserId, m.DisplayName)));
                note = Note.Start(projectId, take, userId, role, FrameRange.At(frame), body, mentioned, Now);
                db.Notes.Add(note);
            }
            var decision = TakeDecision.Record(projectId, takeId, userId, role, kind, comment, note?.Id, previous, Now);
            db.TakeDecisions.Add(decision);
            var answered = statusAfter == TakeStatus.Approved && statusBefore != TakeStatus.Approved
                ? await ResolveAnsweredNotesAsync(db, takeId, userId, role, members, ct)
                : [];
            return new RoomEventDraft(new DecisionRecorded(decision.Id, takeId, userId, role, kind, decision.Comment, note?.Id, previous?.Id, statusBefore, statusAfter))
            {
                // The reason is a note like any other: everyone sees it arrive, and webhooks hear of it.
                Preceding = note is null ? [] :
                    [new RoomEventDraft(new NoteAdded(NoteView.From(note, NoteCommands.AuthorName(members, actor), 0, hideBody: false)))],
                Following = answered,
            };
        }, cancellationToken);
    }

    /// <summary>
    /// When a take made for a request is approved, the notes the request named are answered: each open one is resolved by
    /// that take, one event per note, so each can be reopened on its own.
    /// </summary>
    private async Task<IReadOnlyList<RoomEventDraft>> ResolveAnsweredNotesAsync(ReviewRoomDbContext db, Guid takeId, Guid userId, ProjectRole role,
        IReadOnlyList<MemberView> members, CancellationToken ct)
    {
        var requestId = await db.Takes.Where(t => t.Id == takeId).Select(t => t.Generation.RequestId).SingleOrDefaultAsync(ct);
        if (requestId is null || !ProjectRolePolicy.CanWriteNotes(role))
            return [];
        var noteIds = db.Set<Core.Generation.GenerationRequestNote>().Where(n => n.RequestId == requestId).Select(n => n.NoteId);
        var open = await db.Notes.Include(n => n.Mentions).Where(n => noteIds.Contains(n.Id) && n.ResolvedAt == null && n.DeletedAt == null).ToListAsync(ct);
        if (open.Count == 0)
            return [];
        var openIds = open.Select(n => n.Id).ToList();
        var revisions = await db.Set<NoteRevision>().Where(r => openIds.Contains(r.NoteId)).GroupBy(r => r.NoteId)
            .Select(g => new { NoteId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.NoteId, g => g.Count, ct);
        var drafts = new List<RoomEventDraft>();
        foreach (var answered in open.OrderBy(n => n.FrameIn).ThenBy(n => n.CreatedAt))
        {
            answered.Resolve(userId, role, Now, byTakeId: takeId);
            var author = members.FirstOrDefault(m => m.UserId == answered.AuthorUserId)?.DisplayName ?? "Someone";
            drafts.Add(new RoomEventDraft(new NoteResolved(NoteView.From(answered, author, revisions.GetValueOrDefault(answered.Id)))));
        }
        return drafts;
    }

    /// <summary>Circles a take for its shot (or clears the circle with a null take), replacing the previous choice.</summary>
    public async Task CircleAsync(Actor actor, Guid shotId, Guid? takeId, bool confirmedNotApproved, string? reason, CancellationToken cancellationToken = default)
    {
        var projectId = await projects.GetProjectIdOfShotAsync(shotId, cancellationToken);
        var (userId, project, role) = await AuthorizeAsync(actor, projectId, cancellationToken);
        await writer.WriteAsync(project, userId, null, async (db, tracked, ct) =>
        {
            var shot = await db.Shots.Include(s => s.Takes).SingleAsync(s => s.Id == shotId, ct);
            TakeStatus? status = null;
            if (takeId is { } id)
            {
                var current = await db.TakeDecisions.Where(d => d.TakeId == id && d.SupersededAt == null).Select(d => new { d.Role, d.Kind }).ToListAsync(ct);
                status = DecisionPolicy.StatusOf(current.Select(d => (d.Role, d.Kind)), tracked.Policy);
            }
            var selection = ShotSelection.Circle(project, shot, takeId, userId, role, tracked.Policy, status, confirmedNotApproved, reason, Now);
            db.ShotSelections.Add(selection);
            return new RoomEventDraft(new TakeCircled(selection.Id, shotId, takeId, userId, selection.TakeWasApproved, selection.Reason));
        }, cancellationToken);
    }

    public async Task VoteAsync(Actor actor, Guid takeId, bool starred, CancellationToken cancellationToken = default)
    {
        var (userId, projectId, _) = await AuthorizeAsync(actor, await projects.GetProjectIdOfTakeAsync(takeId, cancellationToken), cancellationToken);
        await writer.WriteAsync(projectId, userId, null, async (db, _, ct) =>
        {
            var existing = await db.TakeVotes.SingleOrDefaultAsync(v => v.TakeId == takeId && v.UserId == userId, ct);
            if (starred && existing is null)
                db.TakeVotes.Add(new TakeVote(projectId, takeId, userId, Now));
            else if (!starred && existing is not null)
                db.TakeVotes.Remove(existing);
            return new RoomEventDraft(new TakeVoted(takeId, userId, starred));
        }, cancellationToken);
    }

    public async Task ChangePolicyAsync(Actor actor, Guid projectId, ApprovalPolicy policy, CancellationToken cancellationToken = default)
    {
        var (userId, project, role) = await AuthorizeAsync(actor, projectId, cancellationToken);
        await writer.WriteAsync(project, userId, null, (_, tracked, _) =>
        {
            tracked.ChangePolicy(policy, role, actor.IsAdministrator);
            return Task.FromResult(new RoomEventDraft(new PolicyChanged(tracked.Policy)));
        }, cancellationToken);
    }

    private Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> AuthorizeAsync(Actor actor, Guid? projectId, CancellationToken cancellationToken) =>
        access.RequireMemberAsync(actor, projectId, "take or shot", cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
