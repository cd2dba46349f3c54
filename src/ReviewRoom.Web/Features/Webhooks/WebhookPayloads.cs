using System.Text.Json;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Webhooks;

/// <summary>
/// Turns a room event into the webhook events it means, with the data a pipeline needs to act: a
/// "changes requested" carries the take's open notes, so a renderer can make the next take from them.
/// </summary>
public sealed class WebhookPayloads(ProjectQueries projects, NoteQueries notes)
{
    public sealed record Envelope(string Id, string Type, DateTime OccurredAt, Guid ProjectId, long Sequence, object Data);

    public async Task<IReadOnlyList<Envelope>> FromAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        var list = new List<Envelope>();
        void Add(string type, object data) =>
            list.Add(new Envelope($"{roomEvent.ProjectId:N}-{roomEvent.Sequence}-{type}", type, roomEvent.OccurredAt, roomEvent.ProjectId, roomEvent.Sequence, data));
        using var payload = JsonDocument.Parse(roomEvent.PayloadJson);
        var root = payload.RootElement;

        switch (roomEvent.Type)
        {
            case RoomEventTypes.TakeIngested when await TakeAsync(root, cancellationToken) is { } take:
                Add(WebhookEvents.TakeIngested, take);
                break;
            case RoomEventTypes.NoteAdded:
                var note = payload.Deserialize<NoteView>(RoomWriter.PayloadJson)!;
                if (await projects.GetTakeAsync(note.TakeId, cancellationToken) is { } noted)
                    Add(WebhookEvents.NoteCreated, NoteOf(note, noted, await notes.GetMembersAsync(roomEvent.ProjectId, cancellationToken)));
                break;
            case RoomEventTypes.DecisionRecorded when await TakeAsync(root, cancellationToken) is { } decided:
                var status = Enum.TryParse<TakeStatus>(Text(root, "status"), out var after) ? after : (TakeStatus?)null;
                var before = Enum.TryParse<TakeStatus>(Text(root, "previousStatus"), out var earlier) ? earlier : (TakeStatus?)null;
                Add(WebhookEvents.TakeDecision, new
                {
                    take = decided,
                    reviewer = await NameAsync(roomEvent.ProjectId, root, cancellationToken),
                    role = Text(root, "role"),
                    decision = Text(root, "kind"),
                    comment = Text(root, "comment"),
                    status = status is { } s ? Api.ApiMapping.StatusName(s) : null,
                });
                if (status == TakeStatus.Approved && before != TakeStatus.Approved)
                    Add(WebhookEvents.TakeApproved, new { take = decided, status = "approved" });
                if (status == TakeStatus.ChangesRequested && before != TakeStatus.ChangesRequested)
                    Add(WebhookEvents.TakeChangesRequested, new { take = decided, status = "changes_requested", openNotes = await OpenNotesAsync(decided.TakeId, roomEvent.ProjectId, cancellationToken) });
                break;
            case RoomEventTypes.TakeCircled:
                Add(WebhookEvents.ShotCircled, new
                {
                    shotId = root.GetProperty("shotId").GetGuid(),
                    take = await TakeAsync(root, cancellationToken),
                    reason = Text(root, "reason"),
                    takeWasApproved = root.TryGetProperty("takeWasApproved", out var approved) && approved.GetBoolean(),
                });
                break;
        }
        return list;
    }

    public sealed record TakeSummary(Guid TakeId, Guid ShotId, string Shot, int Version, string VersionLabel, string Model, string FrameRate, long DurationFrames,
        Guid? ParentTakeId, string Relation, decimal Credits, string Url);

    private async Task<TakeSummary?> TakeAsync(JsonElement root, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("takeId", out var id) || id.ValueKind != JsonValueKind.String || await projects.GetTakeAsync(id.GetGuid(), cancellationToken) is not { } take)
            return null;
        return new TakeSummary(take.Take.Id, take.Shot.Id, take.Shot.Code, take.Take.Version, take.Take.VersionLabel, take.Generation.Model,
            take.Take.FrameRate.ToString(), take.Take.DurationFrames, take.Generation.ParentTakeId, take.Generation.Relation.ToString().ToLowerInvariant(),
            take.Generation.CreditsSpent, $"/takes/{take.Take.Id}");
    }

    private async Task<IReadOnlyList<object>> OpenNotesAsync(Guid takeId, Guid projectId, CancellationToken cancellationToken)
    {
        var take = (await projects.GetTakeAsync(takeId, cancellationToken))!;
        var members = await notes.GetMembersAsync(projectId, cancellationToken);
        var all = await notes.GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false, cancellationToken);
        return all.Where(n => n.ParentNoteId is null && !n.Deleted && n.ResolvedAt is null).Select(n => NoteOf(n, take, members)).ToList();
    }

    private static object NoteOf(NoteView note, TakeDetail take, IReadOnlyList<MemberView> members) =>
        new
        {
            noteId = note.Id,
            takeId = note.TakeId,
            parentNoteId = note.ParentNoteId,
            frameIn = note.FrameIn,
            frameOut = note.FrameOut,
            timecodeIn = Timecode.FromFrame(note.FrameIn, take.Take.FrameRate).ToString(),
            timecodeOut = Timecode.FromFrame(note.FrameOut, take.Take.FrameRate).ToString(),
            author = note.AuthorName,
            role = ProjectRolePolicy.DisplayName(note.AuthorRole),
            body = Mentions.Decode(note.Body, id => members.FirstOrDefault(m => m.UserId == id)?.DisplayName),
        };

    private async Task<string?> NameAsync(Guid projectId, JsonElement root, CancellationToken cancellationToken) =>
        root.TryGetProperty("userId", out var id) && id.ValueKind == JsonValueKind.String
            ? (await notes.GetMembersAsync(projectId, cancellationToken)).FirstOrDefault(m => m.UserId == id.GetGuid())?.DisplayName
            : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
