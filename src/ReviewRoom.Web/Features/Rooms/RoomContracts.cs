using System.Text.Json;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>A room event as hub clients receive it. Apply in sequence order; drop any sequence already applied.</summary>
public sealed record RoomEventMessage(Guid ProjectId, long Sequence, string Type, JsonElement Payload, Guid? ActorUserId, DateTime OccurredAt)
{
    public static RoomEventMessage From(RoomEvent e)
    {
        using var document = JsonDocument.Parse(e.PayloadJson);
        return new(e.ProjectId, e.Sequence, e.Type, document.RootElement.Clone(), e.ActorUserId, e.OccurredAt);
    }

    public T PayloadAs<T>() => Payload.Deserialize<T>(RoomEventCatalog.Json)!;
}

/// <summary>What joining a room returns: the events missed since <c>afterSequence</c> and where the room is now.</summary>
public sealed record JoinedRoom(Guid ProjectId, ProjectRole Role, long LastSequence, IReadOnlyList<RoomEventMessage> Missed);

/// <summary>One person in a room: ephemeral, never stored.</summary>
public sealed record PresenceEntry(Guid UserId, string DisplayName, ProjectRole Role, Guid? TakeId, long? Frame, bool Typing);

public sealed record PresenceMessage(Guid ProjectId, IReadOnlyList<PresenceEntry> People);

/// <summary>Server-to-client calls of <see cref="ReviewHub"/>.</summary>
public interface IReviewClient
{
    Task RoomEvent(RoomEventMessage roomEvent);

    Task Presence(PresenceMessage presence);

    /// <summary>How an upload's processing is going (ephemeral; the job's end also arrives as a room event).</summary>
    Task IngestProgress(Ingest.IngestProgressMessage progress);
}

/// <summary>The hub group of a project's room; the only place its name is made.</summary>
public static class RoomGroups
{
    public static string ForProject(Guid projectId) => $"project:{projectId:N}";
}
