using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Notifications;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Notifications;

/// <summary>Tells a signed-in page that its person's inbox changed, so the bell updates without a reload.</summary>
public sealed class NotificationFeed(ILogger<NotificationFeed> logger)
{
    public Feed<Guid> Changed { get; } = new((ex, userId) => logger.LogWarning(ex, "An inbox subscriber failed for {User}", userId));

    public async Task PublishAsync(IEnumerable<Guid> userIds)
    {
        foreach (var userId in userIds)
            await Changed.PublishAsync(userId);
    }
}

/// <summary>
/// Reads each room event once it is committed and puts an entry in the inbox of everyone it concerns:
/// a mention, a reply in their thread, a decision on a take they noted, a circle or a new take in a shot
/// they follow, a take that needs their decision. Never the person who did it; never a kind they turned off.
/// </summary>
internal sealed class NotificationFanout(
    IRoomEventBus bus,
    NotificationQueries queries,
    ActivityQueries activity,
    DecisionQueries decisions,
    NoteQueries notes,
    RoomWriter writer,
    NotificationFeed feed,
    TimeProvider clock,
    ILogger<NotificationFanout> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.SubscribeWrittenHere(OnRoomEventAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task OnRoomEventAsync(RoomEvent roomEvent)
    {
        try
        {
            var entries = await EntriesForAsync(roomEvent);
            if (entries.Count == 0)
                return;
            await writer.WriteQuietlyAsync(async (db, ct) =>
            {
                var recipients = entries.Select(e => e.UserId).ToList();
                var already = await db.Notifications
                    .Where(n => n.ProjectId == roomEvent.ProjectId && n.Sequence == roomEvent.Sequence && recipients.Contains(n.UserId))
                    .Select(n => n.UserId).ToListAsync(ct);
                db.Notifications.AddRange(entries.Where(e => !already.Contains(e.UserId)));
            });
            await feed.PublishAsync(entries.Select(e => e.UserId).Distinct());
        }
        catch (Exception ex)
        {
            // An inbox entry lost is better than a room event that fails for everyone else.
            logger.LogWarning(ex, "Could not notify about room event {Project}/{Sequence} ({Type})", roomEvent.ProjectId, roomEvent.Sequence, roomEvent.Type);
        }
    }

    private async Task<List<Notification>> EntriesForAsync(RoomEvent e)
    {
        var told = RoomEventCatalog.Read(e);
        if (told is not (NoteAdded or DecisionRecorded or TakeCircled { TakeId: not null } or TakeIngested))
            return [];
        // Most notes mention nobody and start a thread: nobody's inbox hears of them, so nothing is read for them.
        if (told is NoteAdded { Note: { MentionedUserIds.Count: 0, ParentNoteId: null } })
            return [];
        var audience = await queries.GetAudienceAsync(e.ProjectId);
        var actorName = await queries.GetNameAsync(e.ActorUserId);
        var labels = await activity.GetTakeLabelsAsync(e.ProjectId);
        var entries = new List<Notification>();
        var now = clock.GetUtcNow().UtcDateTime;

        void Tell(IEnumerable<Guid> people, NotificationKind kind, Guid? takeId, long? frame, string text)
        {
            foreach (var person in people.Distinct())
            {
                if (person == e.ActorUserId || !audience.TryGetValue(person, out var member) || member.Muted.Contains(kind)
                    || entries.Any(n => n.UserId == person))
                    continue;
                entries.Add(new Notification(person, e.ProjectId, kind, e.ActorUserId, takeId, frame, text, e.Sequence, now));
            }
        }

        string TakeName(Guid takeId) => labels.TryGetValue(takeId, out var label) ? label.Name : "a take";
        string At(Guid takeId, long frame) => labels.TryGetValue(takeId, out var label) ? $" at {Timecode.FromFrame(frame, label.Rate)}" : "";

        switch (told)
        {
            case NoteAdded { Note: var note }:
            {
                var members = await notes.GetMembersAsync(e.ProjectId);
                var excerpt = Notes.Services.MarkdownRenderer.Excerpt(note.Body, id => members.FirstOrDefault(m => m.UserId == id)?.DisplayName, 140);
                Tell(note.MentionedUserIds, NotificationKind.Mentioned, note.TakeId, note.FrameIn,
                    $"{actorName} mentioned you on {TakeName(note.TakeId)}{At(note.TakeId, note.FrameIn)}: “{excerpt}”");
                if (note.ParentNoteId is { } thread)
                    Tell(await queries.GetThreadPeopleAsync(thread), NotificationKind.Replied, note.TakeId, note.FrameIn,
                        $"{actorName} replied on {TakeName(note.TakeId)}{At(note.TakeId, note.FrameIn)}: “{excerpt}”");
                break;
            }
            case DecisionRecorded decided:
            {
                var comment = decided.Comment is { } c ? $": “{c}”" : "";
                Tell(await queries.GetNoteAuthorsAsync(decided.TakeId), NotificationKind.DecidedOnMyNote, decided.TakeId, null,
                    $"{actorName} {Activity.ActivityDescriber.DecisionVerb(decided.Kind)} {TakeName(decided.TakeId)}, which you noted{comment}");
                break;
            }
            case TakeCircled { TakeId: { } takeId } circled:
            {
                Tell(await queries.GetShotFollowersAsync(circled.ShotId), NotificationKind.Circled, takeId, null,
                    $"{actorName} circled {TakeName(takeId)} for the cut");
                break;
            }
            case TakeIngested ingested:
            {
                var takeId = ingested.TakeId;
                var policy = (await decisions.GetProjectStateAsync(e.ProjectId)).Policy;
                Tell(audience.Where(m => policy.RequiredRoles.Contains(m.Value.Role)).Select(m => m.Key), NotificationKind.NeedsMyDecision, takeId, null,
                    $"{TakeName(takeId)} is new and needs your decision");
                Tell(await queries.GetShotFollowersAsync(ingested.ShotId), NotificationKind.NewTake, takeId, null,
                    $"{actorName} added {TakeName(takeId)}");
                break;
            }
        }
        return entries;
    }
}
