using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.Core.Rooms;

/// <summary>
/// The one place that pairs each event record with its wire name and JSON shape. Writers serialise through it,
/// readers get records back from it; nobody reads a payload by property name.
/// </summary>
public static class RoomEventCatalog
{
    /// <summary>Payloads are camelCase JSON with enums as names: external hub clients and webhooks read them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private sealed record Entry(string WireName, Type Record, Type WireShape, Func<IRoomEvent, object> ToWire, Func<JsonElement, IRoomEvent> FromWire);

    private static readonly Entry[] Entries =
    [
        Plain<ProjectCreated>(RoomEventTypes.ProjectCreated),
        Plain<ProjectChanged>(RoomEventTypes.ProjectChanged),
        Plain<ProjectDeleted>(RoomEventTypes.ProjectDeleted),
        Plain<ShotAdded>(RoomEventTypes.ShotAdded),
        Plain<ShotChanged>(RoomEventTypes.ShotChanged),
        Plain<ShotMoved>(RoomEventTypes.ShotMoved),
        Plain<ShotArchived>(RoomEventTypes.ShotArchived),
        Plain<ShotRestored>(RoomEventTypes.ShotRestored),
        Plain<PlaylistSaved>(RoomEventTypes.PlaylistSaved),
        Plain<PlaylistDeleted>(RoomEventTypes.PlaylistDeleted),
        Plain<TakeIngested>(RoomEventTypes.TakeIngested),
        Plain<TakeRemoved>(RoomEventTypes.TakeRemoved),
        Plain<TakeRestored>(RoomEventTypes.TakeRestored),
        Plain<IngestQueued>(RoomEventTypes.IngestQueued),
        Plain<IngestFailed>(RoomEventTypes.IngestFailed),
        Plain<IngestDismissed>(RoomEventTypes.IngestDismissed),
        Plain<GenerationRequested>(RoomEventTypes.GenerationRequested),
        Plain<GenerationClaimed>(RoomEventTypes.GenerationClaimed),
        Plain<GenerationProgressed>(RoomEventTypes.GenerationProgressed),
        Plain<GenerationReleased>(RoomEventTypes.GenerationReleased),
        Plain<GenerationFailed>(RoomEventTypes.GenerationFailed),
        Plain<GenerationCancelled>(RoomEventTypes.GenerationCancelled),
        Plain<GenerationTimedOut>(RoomEventTypes.GenerationTimedOut),
        Plain<ApiTokenCreated>(RoomEventTypes.ApiTokenCreated),
        Plain<ApiTokenRevoked>(RoomEventTypes.ApiTokenRevoked),
        Plain<WebhookAdded>(RoomEventTypes.WebhookAdded),
        Plain<WebhookChanged>(RoomEventTypes.WebhookChanged),
        Plain<WebhookRemoved>(RoomEventTypes.WebhookRemoved),
        Plain<MemberAdded>(RoomEventTypes.MemberAdded),
        Plain<MemberRoleChanged>(RoomEventTypes.MemberRoleChanged),
        Plain<MemberRemoved>(RoomEventTypes.MemberRemoved),
        Plain<InvitationCreated>(RoomEventTypes.InvitationCreated),
        Plain<InvitationRevoked>(RoomEventTypes.InvitationRevoked),
        Plain<ReviewLinkCreated>(RoomEventTypes.ReviewLinkCreated),
        Plain<ReviewLinkRevoked>(RoomEventTypes.ReviewLinkRevoked),
        Plain<GuestJoined>(RoomEventTypes.GuestJoined),
        Wrapping<NoteAdded, NoteView>(RoomEventTypes.NoteAdded, e => e.Note, note => new NoteAdded(note)),
        Wrapping<NoteEdited, NoteView>(RoomEventTypes.NoteEdited, e => e.Note, note => new NoteEdited(note)),
        Wrapping<NoteResolved, NoteView>(RoomEventTypes.NoteResolved, e => e.Note, note => new NoteResolved(note)),
        Wrapping<NoteReopened, NoteView>(RoomEventTypes.NoteReopened, e => e.Note, note => new NoteReopened(note)),
        Wrapping<NoteDeleted, NoteView>(RoomEventTypes.NoteDeleted, e => e.Note, note => new NoteDeleted(note)),
        Wrapping<NoteRestored, NoteView>(RoomEventTypes.NoteRestored, e => e.Note, note => new NoteRestored(note)),
        Plain<DecisionRecorded>(RoomEventTypes.DecisionRecorded),
        Plain<TakeCircled>(RoomEventTypes.TakeCircled),
        Plain<TakeVoted>(RoomEventTypes.TakeVoted),
        Wrapping<PolicyChanged, ApprovalPolicy>(RoomEventTypes.PolicyChanged, e => e.Policy, policy => new PolicyChanged(policy)),
    ];

    private static readonly Dictionary<Type, Entry> ByRecord = Entries.ToDictionary(e => e.Record);
    private static readonly Dictionary<string, Entry> ByWireName = Entries.ToDictionary(e => e.WireName, StringComparer.Ordinal);

    /// <summary>Every event type: its wire name, its record, and the type whose properties make its JSON.</summary>
    public static IEnumerable<(string WireName, Type Record, Type WireShape)> All => Entries.Select(e => (e.WireName, e.Record, e.WireShape));

    public static string WireNameOf(IRoomEvent roomEvent) => EntryOf(roomEvent).WireName;

    public static string WireNameOf<T>() where T : IRoomEvent =>
        ByRecord.TryGetValue(typeof(T), out var entry) ? entry.WireName : throw Unlisted(typeof(T));

    public static string ToJson(IRoomEvent roomEvent)
    {
        var entry = EntryOf(roomEvent);
        var wire = entry.ToWire(roomEvent);
        return JsonSerializer.Serialize(wire, wire.GetType(), Json);
    }

    /// <summary>The stored event as its record; null for a wire name this version does not know.</summary>
    public static IRoomEvent? Read(RoomEvent stored) => Read(stored.Type, stored.PayloadJson);

    public static IRoomEvent? Read(string wireName, string payloadJson)
    {
        if (!ByWireName.TryGetValue(wireName, out var entry))
            return null;
        using var document = JsonDocument.Parse(payloadJson);
        return entry.FromWire(document.RootElement);
    }

    /// <summary>The stored event when it is a <typeparamref name="T"/> (or derives from it), otherwise null.</summary>
    public static T? ReadAs<T>(RoomEvent stored) where T : class, IRoomEvent =>
        IsA<T>(stored.Type) ? Read(stored) as T : null;

    /// <summary>Whether a wire name belongs to <typeparamref name="T"/> or a record derived from it, without reading the payload.</summary>
    public static bool IsA<T>(string wireName) where T : IRoomEvent =>
        ByWireName.TryGetValue(wireName, out var entry) && entry.Record.IsAssignableTo(typeof(T));

    private static Entry EntryOf(IRoomEvent roomEvent) =>
        ByRecord.TryGetValue(roomEvent.GetType(), out var entry) ? entry : throw Unlisted(roomEvent.GetType());

    private static InvalidOperationException Unlisted(Type type) =>
        new($"{type.Name} is not in {nameof(RoomEventCatalog)}: give it a wire name there.");

    private static Entry Plain<T>(string wireName) where T : IRoomEvent =>
        new(wireName, typeof(T), typeof(T), e => e, json => json.Deserialize<T>(Json)!);

    private static Entry Wrapping<T, TWire>(string wireName, Func<T, TWire> unwrap, Func<TWire, T> wrap) where T : IRoomEvent where TWire : notnull =>
        new(wireName, typeof(T), typeof(TWire), e => unwrap((T)e), json => wrap(json.Deserialize<TWire>(Json)!));
}
