using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;

namespace ReviewRoom.Web.Features.Activity;

public enum ActivityCategory
{
    Notes,
    Decisions,
    Selections,
    Ingest,
    Project,
}

public sealed record ActivityItem(long Sequence, DateTime At, Guid? ActorUserId, string Actor, ActivityCategory Category, string Text, string? Link);

/// <summary>Turns room events into the sentences a producer reads on Monday morning.</summary>
public static class ActivityDescriber
{
    public static ActivityItem Describe(RoomEvent e, IReadOnlyDictionary<Guid, TakeLabel> takes, Func<Guid, string?> nameOf)
    {
        var actor = e.ActorUserId is { } id ? nameOf(id) ?? "Someone" : "ReviewRoom";
        TakeLabel? Take(Guid? takeId) => takeId is { } known && takes.TryGetValue(known, out var label) ? label : null;
        string TakeName(TakeLabel? label) => label?.Name ?? "a take";
        string? LinkTo(TakeLabel? label) => label is null ? null : $"/takes/{label.TakeId}";
        string Excerpt(string body) => Notes.Services.MarkdownRenderer.Excerpt(body, nameOf, 120);
        string MemberName(MembershipChanged change) => nameOf(change.UserId) ?? "someone";
        string RoleName(ProjectRole role) => ProjectRolePolicy.DisplayName(role);
        string Quoted(string? text) => text is null ? "" : $": “{text}”";
        string For(string? note) => note is { Length: > 0 } ? $" for {note}" : "";

        return RoomEventCatalog.Read(e) switch
        {
            NoteChanged change => NoteItem(change),
            DecisionRecorded decision => Item(ActivityCategory.Decisions,
                $"{DecisionVerb(decision.Kind)} {TakeName(Take(decision.TakeId))}{Quoted(decision.Comment)}", LinkTo(Take(decision.TakeId))),
            TakeCircled circle => Take(circle.TakeId) is { } circled
                ? Item(ActivityCategory.Selections, $"circled {circled.Name} for the cut"
                    + (circle.TakeWasApproved ? "" : " (not approved at the time)") + Quoted(circle.Reason), LinkTo(circled))
                : Item(ActivityCategory.Selections, "removed a shot's circle", null),
            TakeVoted vote => Item(ActivityCategory.Decisions,
                $"{(vote.Starred ? "starred" : "unstarred")} {TakeName(Take(vote.TakeId))}", LinkTo(Take(vote.TakeId))),
            TakeIngested ingested => Item(ActivityCategory.Ingest,
                $"added {TakeName(Take(ingested.TakeId))}" + (ingested.By is { } token ? $" through the pipeline token ‘{token}’" : ""), LinkTo(Take(ingested.TakeId))),
            TakeRemoved removed => Item(ActivityCategory.Project, $"removed {TakeName(Take(removed.TakeId))} from its shot", null),
            TakeRestored restored => Item(ActivityCategory.Project, $"brought back {TakeName(Take(restored.TakeId))}", LinkTo(Take(restored.TakeId))),
            ShotAdded shot => Item(ActivityCategory.Project, $"added shot {shot.Code}", null),
            ShotChanged shot => Item(ActivityCategory.Project, $"edited shot {shot.Code}", null),
            ShotMoved shot => Item(ActivityCategory.Project, $"moved shot {shot.Code} to place {shot.Order} in the cut", null),
            ShotArchived shot => Item(ActivityCategory.Project, $"archived shot {shot.Code}", null),
            ShotRestored shot => Item(ActivityCategory.Project, $"put shot {shot.Code} back on the board", null),
            PlaylistSaved playlist => Item(ActivityCategory.Project, $"saved the playlist \"{playlist.Name}\" ({playlist.Takes} take{(playlist.Takes == 1 ? "" : "s")})", null),
            PlaylistDeleted playlist => Item(ActivityCategory.Project, $"deleted the playlist \"{playlist.Name}\"", null),
            ProjectCreated => Item(ActivityCategory.Project, "created the project", null),
            ProjectChanged project => Item(ActivityCategory.Project, $"renamed or re-described the project ({project.Name})", null),
            ProjectDeleted => Item(ActivityCategory.Project, "deleted the project", null),
            IngestQueued queued => Item(ActivityCategory.Ingest, $"uploaded {queued.FileName}{(queued.Retry == true ? " again" : "")}", null),
            IngestFailed failed => Item(ActivityCategory.Ingest, $"could not add {failed.FileName}: {failed.Reason}", null),
            IngestDismissed => Item(ActivityCategory.Ingest, "dismissed a failed upload", null),
            GenerationRequested asked => Item(ActivityCategory.Ingest,
                $"asked {asked.Model} for {Takes(asked.Count)} from {TakeName(Take(asked.ParentTakeId))} ({GenerationInfo.RelationDisplayName(asked.Relation).ToLowerInvariant()})"
                + (asked.AnsweredNoteIds.Count > 0 ? $", answering {asked.AnsweredNoteIds.Count} note{(asked.AnsweredNoteIds.Count == 1 ? "" : "s")}" : ""),
                LinkTo(Take(asked.ParentTakeId))),
            GenerationClaimed claimed => Item(ActivityCategory.Ingest, $"handed a request for takes to ‘{claimed.By}’", null),
            GenerationProgressed progressed => Item(ActivityCategory.Ingest,
                $"heard from ‘{progressed.By}’: {progressed.Progress:P0} through a request for takes{(progressed.Message is { } m ? $" ({m})" : "")}", null),
            GenerationReleased released => Item(ActivityCategory.Ingest, $"opened a request for takes to pipelines again after ‘{released.By}’ stopped reporting", null),
            GenerationFailed failed => Item(ActivityCategory.Ingest, $"heard from ‘{failed.By}’ that the requested takes could not be made: {failed.Reason}", null),
            GenerationCancelled cancelled => Item(ActivityCategory.Ingest, $"cancelled a request for takes{Arrived(cancelled.FilledCount)}", null),
            GenerationTimedOut timedOut => Item(ActivityCategory.Ingest, $"timed out a request for takes that no pipeline claimed{Arrived(timedOut.FilledCount)}", null),
            ApiTokenCreated token => Item(ActivityCategory.Project, $"made the API token ‘{token.Name}’ ({ApiToken.DisplayName(token.Scope)})", null),
            ApiTokenRevoked token => Item(ActivityCategory.Project, $"revoked the API token ‘{token.Name}’", null),
            WebhookAdded => Item(ActivityCategory.Project, "added a webhook", null),
            WebhookChanged hook => Item(ActivityCategory.Project, $"{(hook.Active ? "resumed" : "paused")} a webhook", null),
            WebhookRemoved => Item(ActivityCategory.Project, "removed a webhook", null),
            MemberAdded joined when e.ActorUserId == joined.UserId => Item(ActivityCategory.Project,
                $"joined as {RoleName(joined.Role)}{(joined.InvitationId is null ? "" : " through an invitation")}", null),
            MemberAdded added => Item(ActivityCategory.Project, $"added {MemberName(added)} as {RoleName(added.Role)}", null),
            MemberRoleChanged changed => Item(ActivityCategory.Project, $"made {MemberName(changed)} {RoleName(changed.Role)}", null),
            MemberRemoved left when e.ActorUserId == left.UserId => Item(ActivityCategory.Project, "left the project", null),
            MemberRemoved removed => Item(ActivityCategory.Project, $"removed {MemberName(removed)} from the project", null),
            InvitationCreated invitation => Item(ActivityCategory.Project,
                $"made an invitation link for {(invitation.Note is { Length: > 0 } note ? note : "new people")} as {RoleName(invitation.Role)}", null),
            InvitationRevoked invitation => Item(ActivityCategory.Project, $"withdrew the invitation link{For(invitation.Note)}", null),
            ReviewLinkCreated link => Item(ActivityCategory.Project,
                $"made a review link{For(link.Note)} ({(link.Access == GuestAccess.ViewOnly ? "view only" : "guests may comment")})", null),
            ReviewLinkRevoked link => Item(ActivityCategory.Project, $"withdrew the review link{For(link.Note)}", null),
            GuestJoined => Item(ActivityCategory.Project, "came in by a review link", null),
            PolicyChanged => Item(ActivityCategory.Project, "changed the approval policy", null),
            _ => Item(ActivityCategory.Project, e.Type, null),
        };

        ActivityItem NoteItem(NoteChanged change)
        {
            var note = change.Note;
            var label = takes.GetValueOrDefault(note.TakeId);
            var at = label is null ? "" : $" at {Timecode.FromFrame(note.FrameIn, label.Rate)}";
            var verb = change switch
            {
                NoteAdded when note.ParentNoteId is not null => $"replied on {TakeName(label)}",
                NoteAdded => $"noted {TakeName(label)}{at}",
                NoteEdited => $"edited a note on {TakeName(label)}{at}",
                NoteResolved when note.ResolvedByTakeId is { } by => $"resolved a note on {TakeName(label)}{at}, answered by {TakeName(Take(by))}",
                NoteResolved => $"resolved a note on {TakeName(label)}{at}",
                NoteReopened => $"reopened a note on {TakeName(label)}{at}",
                NoteDeleted => $"deleted a note on {TakeName(label)}",
                _ => $"restored a note on {TakeName(label)}",
            };
            var text = change is NoteAdded or NoteEdited ? $"{verb}: {Excerpt(note.Body)}" : verb;
            return Item(ActivityCategory.Notes, text, LinkTo(label));
        }

        static string Takes(int count) => count == 1 ? "1 new take" : $"{count} new takes";
        static string Arrived(int filled) => filled == 0 ? "" : $" ({filled} of its takes had arrived)";

        ActivityItem Item(ActivityCategory category, string text, string? link) => new(e.Sequence, e.OccurredAt, e.ActorUserId, actor, category, text, link);
    }

    internal static string DecisionVerb(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve => "approved",
        DecisionKind.ApproveWithChanges => "approved with changes",
        DecisionKind.NeedsChanges => "asked for changes on",
        _ => "rejected",
    };
}
