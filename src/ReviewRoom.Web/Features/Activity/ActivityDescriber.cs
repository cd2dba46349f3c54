using System.Text.Json;
using ReviewRoom.Core.Decisions;
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
        using var document = JsonDocument.Parse(e.PayloadJson);
        var p = document.RootElement;
        TakeLabel? Take(string property) =>
            p.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && takes.TryGetValue(value.GetGuid(), out var label) ? label : null;
        string TakeName(TakeLabel? label) => label?.Name ?? "a take";
        string? LinkTo(TakeLabel? label) => label is null ? null : $"/takes/{label.TakeId}";
        string Excerpt(string body) => Notes.Services.MarkdownRenderer.Excerpt(body, nameOf, 120);

        ReviewRoom.Core.Members.MemberChange Member() => p.Deserialize<ReviewRoom.Core.Members.MemberChange>(Data.Rooms.RoomWriter.PayloadJson)!;
        string MemberName() => nameOf(Member().UserId) ?? "someone";
        string RoleName() => Enum.TryParse<ProjectRole>(Text("role"), out var role) ? ProjectRolePolicy.DisplayName(role) : "a member";

        string? Text(string property) => p.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        return e.Type switch
        {
            RoomEventTypes.NoteAdded or RoomEventTypes.NoteEdited or RoomEventTypes.NoteResolved or RoomEventTypes.NoteReopened
                or RoomEventTypes.NoteDeleted or RoomEventTypes.NoteRestored => NoteItem(),
            RoomEventTypes.DecisionRecorded => Item(ActivityCategory.Decisions,
                $"{DecisionVerb(Enum.Parse<DecisionKind>(p.GetProperty("kind").GetString()!))} {TakeName(Take("takeId"))}"
                + (p.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? $": “{c.GetString()}”" : ""),
                LinkTo(Take("takeId"))),
            RoomEventTypes.TakeCircled => Take("takeId") is { } circled
                ? Item(ActivityCategory.Selections, $"circled {circled.Name} for the cut"
                    + (p.GetProperty("takeWasApproved").GetBoolean() ? "" : " (not approved at the time)")
                    + (p.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? $": “{r.GetString()}”" : ""), LinkTo(circled))
                : Item(ActivityCategory.Selections, "removed a shot's circle", null),
            RoomEventTypes.TakeVoted => Item(ActivityCategory.Decisions,
                $"{(p.GetProperty("starred").GetBoolean() ? "starred" : "unstarred")} {TakeName(Take("takeId"))}", LinkTo(Take("takeId"))),
            RoomEventTypes.TakeIngested => Item(ActivityCategory.Ingest,
                $"added {TakeName(Take("takeId"))}" + (Text("by") is { } token ? $" through the pipeline token ‘{token}’" : ""), LinkTo(Take("takeId"))),
            RoomEventTypes.TakeRemoved => Item(ActivityCategory.Project, $"removed {TakeName(Take("takeId"))} from its shot", null),
            RoomEventTypes.TakeRestored => Item(ActivityCategory.Project, $"brought back {TakeName(Take("takeId"))}", LinkTo(Take("takeId"))),
            RoomEventTypes.ShotChanged => Item(ActivityCategory.Project, $"edited shot {Text("code")}", null),
            RoomEventTypes.ShotMoved => Item(ActivityCategory.Project, $"moved shot {Text("code")} to place {p.GetProperty("order").GetInt32()} in the cut", null),
            RoomEventTypes.ShotArchived => Item(ActivityCategory.Project, $"archived shot {Text("code")}", null),
            RoomEventTypes.ShotRestored => Item(ActivityCategory.Project, $"put shot {Text("code")} back on the board", null),
            RoomEventTypes.ProjectChanged => Item(ActivityCategory.Project, $"renamed or re-described the project ({Text("name")})", null),
            RoomEventTypes.IngestQueued => Item(ActivityCategory.Ingest, $"uploaded {Text("fileName")}{(p.TryGetProperty("retry", out _) ? " again" : "")}", null),
            RoomEventTypes.IngestFailed => Item(ActivityCategory.Ingest, $"could not add {Text("fileName")}: {Text("reason")}", null),
            RoomEventTypes.IngestDismissed => Item(ActivityCategory.Ingest, "dismissed a failed upload", null),
            RoomEventTypes.ApiTokenCreated => Item(ActivityCategory.Project, $"made the API token ‘{Text("name")}’ ({(Enum.TryParse<ReviewRoom.Core.Integrations.ApiTokenScope>(Text("scope"), out var scope) ? ReviewRoom.Core.Integrations.ApiToken.DisplayName(scope) : Text("scope"))})", null),
            RoomEventTypes.ApiTokenRevoked => Item(ActivityCategory.Project, $"revoked the API token ‘{Text("name")}’", null),
            RoomEventTypes.WebhookAdded => Item(ActivityCategory.Project, "added a webhook", null),
            RoomEventTypes.WebhookChanged => Item(ActivityCategory.Project, $"{(p.GetProperty("active").GetBoolean() ? "resumed" : "paused")} a webhook", null),
            RoomEventTypes.WebhookRemoved => Item(ActivityCategory.Project, "removed a webhook", null),
            RoomEventTypes.ShotAdded => Item(ActivityCategory.Project, $"added shot {p.GetProperty("code").GetString()}", null),
            RoomEventTypes.MemberAdded when e.ActorUserId == Member().UserId => Item(ActivityCategory.Project,
                $"joined as {RoleName()}{(Member().InvitationId is null ? "" : " through an invitation")}", null),
            RoomEventTypes.MemberAdded => Item(ActivityCategory.Project, $"added {MemberName()} as {RoleName()}", null),
            RoomEventTypes.MemberRoleChanged => Item(ActivityCategory.Project, $"made {MemberName()} {RoleName()}", null),
            RoomEventTypes.MemberRemoved when e.ActorUserId == Member().UserId => Item(ActivityCategory.Project, "left the project", null),
            RoomEventTypes.MemberRemoved => Item(ActivityCategory.Project, $"removed {MemberName()} from the project", null),
            RoomEventTypes.InvitationCreated => Item(ActivityCategory.Project,
                $"made an invitation link for {(Text("note") is { Length: > 0 } note ? note : "new people")} as {RoleName()}", null),
            RoomEventTypes.InvitationRevoked => Item(ActivityCategory.Project,
                $"withdrew the invitation link{(Text("note") is { Length: > 0 } withdrawn ? $" for {withdrawn}" : "")}", null),
            RoomEventTypes.ReviewLinkCreated => Item(ActivityCategory.Project,
                $"made a review link{(Text("note") is { Length: > 0 } linkNote ? $" for {linkNote}" : "")} ({(Text("access") == nameof(ReviewRoom.Core.Members.GuestAccess.ViewOnly) ? "view only" : "guests may comment")})", null),
            RoomEventTypes.ReviewLinkRevoked => Item(ActivityCategory.Project,
                $"withdrew the review link{(Text("note") is { Length: > 0 } endedNote ? $" for {endedNote}" : "")}", null),
            RoomEventTypes.GuestJoined => Item(ActivityCategory.Project, "came in by a review link", null),
            RoomEventTypes.ProjectCreated => Item(ActivityCategory.Project, "created the project", null),
            RoomEventTypes.PolicyChanged => Item(ActivityCategory.Project, "changed the approval policy", null),
            _ => Item(ActivityCategory.Project, e.Type, null),
        };

        ActivityItem NoteItem()
        {
            var note = p.Deserialize<NoteView>(Data.Rooms.RoomWriter.PayloadJson)!;
            var label = takes.GetValueOrDefault(note.TakeId);
            var at = label is null ? "" : $" at {Timecode.FromFrame(note.FrameIn, label.Rate)}";
            var verb = e.Type switch
            {
                RoomEventTypes.NoteAdded when note.ParentNoteId is not null => $"replied on {TakeName(label)}",
                RoomEventTypes.NoteAdded => $"noted {TakeName(label)}{at}",
                RoomEventTypes.NoteEdited => $"edited a note on {TakeName(label)}{at}",
                RoomEventTypes.NoteResolved => $"resolved a note on {TakeName(label)}{at}",
                RoomEventTypes.NoteReopened => $"reopened a note on {TakeName(label)}{at}",
                RoomEventTypes.NoteDeleted => $"deleted a note on {TakeName(label)}",
                _ => $"restored a note on {TakeName(label)}",
            };
            var text = e.Type is RoomEventTypes.NoteAdded or RoomEventTypes.NoteEdited ? $"{verb}: {Excerpt(note.Body)}" : verb;
            return Item(ActivityCategory.Notes, text, LinkTo(label));
        }

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
