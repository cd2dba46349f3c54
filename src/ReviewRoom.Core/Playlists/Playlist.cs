using System.Globalization;

namespace ReviewRoom.Core.Playlists;

/// <summary>
/// A dailies playlist: takes from any shots of one project, in the order the team will watch them. Room data: every
/// change is a room event and reaches everyone at once.
/// </summary>
public sealed class Playlist
{
    public const int MaxNameLength = 80;
    public const int MaxTakes = 200;

    // The takes, in order, as comma-separated ids: one column, read and written whole.
    private string _takeIds = "";

    private Playlist()
    {
        Name = "";
    }

    public Playlist(Guid projectId, string name, Guid? createdByUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        Name = CleanName(name);
        CreatedByUserId = createdByUserId;
        CreatedAt = UpdatedAt = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Name { get; private set; }
    public Guid? CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<Guid> TakeIds =>
        _takeIds.Length == 0 ? [] : [.. _takeIds.Split(',').Select(id => Guid.Parse(id, CultureInfo.InvariantCulture))];

    public void Rename(string name, DateTime nowUtc)
    {
        Name = CleanName(name);
        UpdatedAt = nowUtc;
    }

    /// <summary>
    /// The takes in their new order (adding, removing and reordering are all this). A take listed twice plays once, where
    /// it first appears; whether each belongs to the project is for the caller to check against the board.
    /// </summary>
    public void SetTakes(IEnumerable<Guid> takeIds, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(takeIds);
        var ordered = takeIds.Where(id => id != Guid.Empty).Distinct().ToList();
        if (ordered.Count > MaxTakes)
            throw new DomainException($"A playlist holds at most {MaxTakes} takes; make a second one for the rest.");
        _takeIds = string.Join(',', ordered.Select(id => id.ToString("D", CultureInfo.InvariantCulture)));
        UpdatedAt = nowUtc;
    }

    private static string CleanName(string name)
    {
        var clean = TextField.Clean(name, MaxNameLength, "A playlist's name");
        return clean.Length == 0 ? throw new DomainException("A playlist needs a name, such as \"Dailies Tuesday\".") : clean;
    }
}
