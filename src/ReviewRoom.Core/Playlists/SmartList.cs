using ReviewRoom.Core.Decisions;

namespace ReviewRoom.Core.Playlists;

/// <summary>Playlists the room makes for each person from the state of the review, never stored.</summary>
public enum SmartList
{
    NewSinceMyLastVisit = 0,
    NeedsMyDecision = 1,
    ChangesRequested = 2,
    CircledInCutOrder = 3,
}

/// <summary>What the smart lists need to know of one take, for one person.</summary>
public sealed record SmartListTake(Guid TakeId, int ShotOrder, int Version, DateTime CreatedAt, TakeStatus Status, bool DecidedByMe, bool Circled);

public static class SmartLists
{
    public static readonly IReadOnlyList<SmartList> All = Enum.GetValues<SmartList>();

    /// <summary>The address form of a list's name, as in <c>?playlist=smart-needs-my-decision</c>.</summary>
    public static string Slug(SmartList list) => list switch
    {
        SmartList.NewSinceMyLastVisit => "smart-new",
        SmartList.NeedsMyDecision => "smart-needs-my-decision",
        SmartList.ChangesRequested => "smart-changes-requested",
        _ => "smart-circled",
    };

    public static SmartList? FromSlug(string? slug) => All.Cast<SmartList?>().FirstOrDefault(l => Slug(l!.Value) == slug);

    public static string DisplayName(SmartList list) => list switch
    {
        SmartList.NewSinceMyLastVisit => "New since my last visit",
        SmartList.NeedsMyDecision => "Needs my decision",
        SmartList.ChangesRequested => "Changes requested",
        _ => "Circled takes in cut order",
    };

    /// <summary>
    /// The takes of a smart list, in cut order (shot by shot, versions in order). "Needs my decision" holds the takes still
    /// open (neither approved nor rejected) that this person may decide on and has not; "new since my last visit" holds
    /// everything when there was no visit before.
    /// </summary>
    public static IReadOnlyList<Guid> Resolve(SmartList list, IEnumerable<SmartListTake> takes, bool mayDecide, DateTime? previousVisitUtc)
    {
        ArgumentNullException.ThrowIfNull(takes);
        Func<SmartListTake, bool> keep = list switch
        {
            SmartList.NewSinceMyLastVisit => t => previousVisitUtc is null || t.CreatedAt > previousVisitUtc,
            SmartList.NeedsMyDecision => t => mayDecide && !t.DecidedByMe && t.Status is not (TakeStatus.Approved or TakeStatus.Rejected),
            SmartList.ChangesRequested => t => t.Status == TakeStatus.ChangesRequested,
            _ => t => t.Circled,
        };
        return [.. takes.Where(keep).OrderBy(t => t.ShotOrder).ThenBy(t => t.Version).Select(t => t.TakeId)];
    }
}
