using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;

namespace ReviewRoom.Web.Features.Webhooks;

/// <summary>
/// Turns a room event into the webhook events it means, with the data a pipeline needs to act: a
/// "changes requested" carries the take's open notes, so a renderer can make the next take from them.
/// </summary>
public sealed class WebhookPayloads(ProjectQueries projects, NoteQueries notes, GenerationQueries generation)
{
    public sealed record Envelope(string Id, string Type, DateTime OccurredAt, Guid ProjectId, long Sequence, object Data);

    public async Task<IReadOnlyList<Envelope>> FromAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        var list = new List<Envelope>();
        void Add(string type, object data) =>
            list.Add(new Envelope($"{roomEvent.ProjectId:N}-{roomEvent.Sequence}-{type}", type, roomEvent.OccurredAt, roomEvent.ProjectId, roomEvent.Sequence, data));
        switch (RoomEventCatalog.Read(roomEvent))
        {
            case TakeIngested ingested when await TakeAsync(ingested.TakeId, cancellationToken) is { } take:
                Add(WebhookEvents.TakeIngested, take);
                break;
            case NoteAdded { Note: var note }:
                if (await projects.GetTakeAsync(note.TakeId, cancellationToken) is { } noted)
                    Add(WebhookEvents.NoteCreated, NoteOf(note, noted, await notes.GetMembersAsync(roomEvent.ProjectId, cancellationToken)));
                break;
            case DecisionRecorded decision when await TakeAsync(decision.TakeId, cancellationToken) is { } decided:
                Add(WebhookEvents.TakeDecision, new
                {
                    take = decided,
                    reviewer = await NameAsync(roomEvent.ProjectId, decision.UserId, cancellationToken),
                    role = decision.Role.ToString(),
                    decision = decision.Kind.ToString(),
                    comment = decision.Comment,
                    status = Api.ApiMapping.StatusName(decision.Status),
                });
                if (decision.Status == TakeStatus.Approved && decision.PreviousStatus != TakeStatus.Approved)
                    Add(WebhookEvents.TakeApproved, new { take = decided, status = "approved" });
                if (decision.Status == TakeStatus.ChangesRequested && decision.PreviousStatus != TakeStatus.ChangesRequested)
                    Add(WebhookEvents.TakeChangesRequested, new { take = decided, status = "changes_requested", openNotes = await OpenNotesAsync(decided.TakeId, roomEvent.ProjectId, cancellationToken) });
                break;
            case GenerationRequested requested when await generation.GetAsync(requested.RequestId, cancellationToken) is { } request
                && await TakeAsync(request.ParentTakeId, cancellationToken) is { } parent:
                Add(WebhookEvents.GenerationRequested, new
                {
                    request = Generation.ApiGenerationRequest.From(request),
                    parent,
                    answeredNotes = await NotesAsync(request.ParentTakeId, request.AnsweredNoteIds, roomEvent.ProjectId, cancellationToken),
                    // What a pipeline needs to send the takes back: each one through the resumable upload with these fields.
                    upload = new
                    {
                        uploads = $"{Api.ApiSetup.Prefix}/uploads",
                        projectId = roomEvent.ProjectId,
                        shotId = request.ShotId,
                        generation = new { requestId = request.Id },
                        claim = $"{Api.ApiSetup.Prefix}/projects/{roomEvent.ProjectId}/generation-requests/{request.Id}/claim",
                    },
                });
                break;
            case TakeCircled circled:
                Add(WebhookEvents.ShotCircled, new
                {
                    shotId = circled.ShotId,
                    take = await TakeAsync(circled.TakeId, cancellationToken),
                    reason = circled.Reason,
                    takeWasApproved = circled.TakeWasApproved,
                });
                break;
        }
        return list;
    }

    public sealed record TakeSummary(Guid TakeId, Guid ShotId, string Shot, int Version, string VersionLabel, string Model, string FrameRate, long DurationFrames,
        Guid? ParentTakeId, string Relation, decimal Credits, string Url, int Width, int Height);

    private async Task<TakeSummary?> TakeAsync(Guid? takeId, CancellationToken cancellationToken)
    {
        if (takeId is not { } id || await projects.GetTakeAsync(id, cancellationToken) is not { } take)
            return null;
        return new TakeSummary(take.Take.Id, take.Shot.Id, take.Shot.Code, take.Take.Version, take.Take.VersionLabel, take.Generation.Model,
            take.Take.FrameRate.ToString(), take.Take.DurationFrames, take.Generation.ParentTakeId, take.Generation.Relation.ToString().ToLowerInvariant(),
            take.Generation.CreditsSpent, $"/takes/{take.Take.Id}", take.Take.Width, take.Take.Height);
    }

    private Task<IReadOnlyList<object>> OpenNotesAsync(Guid takeId, Guid projectId, CancellationToken cancellationToken) =>
        NotesAsync(takeId, null, projectId, cancellationToken);

    /// <summary>The take's open threads, or just those named in <paramref name="only"/>.</summary>
    private async Task<IReadOnlyList<object>> NotesAsync(Guid takeId, IReadOnlyList<Guid>? only, Guid projectId, CancellationToken cancellationToken)
    {
        var take = (await projects.GetTakeAsync(takeId, cancellationToken))!;
        var members = await notes.GetMembersAsync(projectId, cancellationToken);
        var all = await notes.GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false, cancellationToken);
        return all.Where(n => n.ParentNoteId is null && !n.Deleted && (only is null ? n.ResolvedAt is null : only.Contains(n.Id)))
            .Select(n => NoteOf(n, take, members)).ToList();
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

    private async Task<string?> NameAsync(Guid projectId, Guid userId, CancellationToken cancellationToken) =>
        (await notes.GetMembersAsync(projectId, cancellationToken)).FirstOrDefault(m => m.UserId == userId)?.DisplayName;
}
