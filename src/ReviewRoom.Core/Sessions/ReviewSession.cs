using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Sessions;

/// <summary>What a seat in a session is doing: driving, watching what the driver does, or looking elsewhere for a while.</summary>
public enum SeatMode
{
    Following = 0,
    Presenting = 1,
    BrokeAway = 2,
}

/// <summary>
/// One open page in a session. A person with two tabs has two seats; only the seat that presents drives.
/// </summary>
public sealed record SessionSeat(string Key, Guid UserId, string DisplayName, ProjectRole Role, bool Administrator, DateTime JoinedAt)
{
    public SeatMode Mode { get; init; }

    /// <summary>This seat asked to present and has not been answered yet.</summary>
    public bool WantsToPresent { get; init; }
}

/// <summary>
/// Where the presenter is and what their player does: the page (a take, a comparison, a grid), the playhead in frames
/// of the page's lead take, whether it plays and how fast (negative plays backwards). <see cref="Position"/> is
/// fractional only while playing: it is where the playhead stood at <see cref="AtMs"/> (server clock, Unix
/// milliseconds), and a follower works out where it stands now from the two.
/// </summary>
public sealed record SessionPlayhead(string Location, double Position, bool Playing, double Speed, double AtMs)
{
    public const int MaxLocationLength = 400;

    public static readonly double[] Speeds = [0.25, 0.5, 1, 1.5, 2];

    /// <summary>The playhead as the server keeps it, or a refusal in words: every field comes from a browser.</summary>
    public static SessionPlayhead Validate(SessionPlayhead playhead)
    {
        ArgumentNullException.ThrowIfNull(playhead);
        if (string.IsNullOrEmpty(playhead.Location) || playhead.Location.Length > MaxLocationLength
            || playhead.Location[0] != '/' || playhead.Location.StartsWith("//", StringComparison.Ordinal)
            || playhead.Location.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
            throw new DomainException("A session can only show a page of ReviewRoom.");
        if (!double.IsFinite(playhead.Position) || playhead.Position < 0 || playhead.Position > 100_000_000)
            throw new DomainException("The playhead must be a frame of the take.");
        if (!Speeds.Contains(Math.Abs(playhead.Speed)))
            throw new DomainException($"Playback speed must be one of {string.Join(", ", Speeds)} (negative plays backwards).");
        if (!double.IsFinite(playhead.AtMs) || playhead.AtMs < 0)
            throw new DomainException("The playhead's time is not a time.");
        // Paused, the playhead is a whole frame: every follower must stand on exactly that one.
        return playhead.Playing ? playhead : playhead with { Position = Math.Floor(playhead.Position) };
    }
}

/// <summary>
/// A live review session in one project: one presenter drives, everyone else follows or has broken away for a while.
/// Nothing of it is stored; notes and decisions made during it go through the room as always. Not thread-safe: its
/// keeper serialises the calls.
/// </summary>
public sealed class ReviewSession
{
    private readonly List<SessionSeat> _seats = [];

    private ReviewSession(Guid projectId, DateTime startedAt)
    {
        ProjectId = projectId;
        StartedAt = startedAt;
    }

    public Guid Id { get; private init; } = Guid.NewGuid();
    public Guid ProjectId { get; }
    public DateTime StartedAt { get; }

    /// <summary>Counts every change, so a page can tell a newer state from an older one that arrived late.</summary>
    public long Version { get; private set; }

    public SessionPlayhead? Playhead { get; private set; }

    /// <summary>No one is left in it: its keeper forgets it.</summary>
    public bool Ended { get; private set; }

    public IReadOnlyList<SessionSeat> Seats => _seats;

    public SessionSeat Presenter => _seats.Single(s => s.Mode == SeatMode.Presenting);

    public static ReviewSession Start(Guid projectId, SessionSeat starter, DateTime now)
    {
        var session = new ReviewSession(projectId, now);
        session._seats.Add(starter with { Mode = SeatMode.Presenting, WantsToPresent = false });
        session.Version = 1;
        return session;
    }

    /// <summary>A running session as it was written down (by another node sharing it), to be changed further.</summary>
    public static ReviewSession Restore(Guid id, Guid projectId, DateTime startedAt, long version, IEnumerable<SessionSeat> seats, SessionPlayhead? playhead)
    {
        var session = new ReviewSession(projectId, startedAt) { Id = id, Version = version, Playhead = playhead };
        session._seats.AddRange(seats);
        if (session._seats.Count(s => s.Mode == SeatMode.Presenting) != 1)
            throw new DomainException("A session written down must have exactly one presenter.");
        return session;
    }

    public SessionSeat? Seat(string key) => _seats.Find(s => s.Key == key);

    /// <summary>A new seat follows at once; a seat already in keeps its place (a page reloaded).</summary>
    public void Join(SessionSeat seat)
    {
        if (Seat(seat.Key) is not null)
            return;
        _seats.Add(seat with { Mode = SeatMode.Following, WantsToPresent = false });
        Changed();
    }

    /// <summary>
    /// A seat goes. When the presenter goes, whoever asked to present first takes over, else whoever has followed
    /// longest; the last one out ends the session.
    /// </summary>
    public void Leave(string key)
    {
        if (Seat(key) is not { } seat)
            return;
        _seats.Remove(seat);
        if (_seats.Count == 0)
        {
            Ended = true;
        }
        else if (seat.Mode == SeatMode.Presenting)
        {
            var next = _seats.FirstOrDefault(s => s.WantsToPresent) ?? _seats.FirstOrDefault(s => s.Mode == SeatMode.Following) ?? _seats[0];
            MakePresenter(next.Key);
        }
        Changed();
    }

    public void BreakAway(string key) => SetMode(Require(key), SeatMode.BrokeAway);

    public void Rejoin(string key) => SetMode(Require(key), SeatMode.Following);

    public void AskToPresent(string key)
    {
        var seat = Require(key);
        if (seat.Mode == SeatMode.Presenting)
            return;
        Replace(seat with { WantsToPresent = true });
        Changed();
    }

    /// <summary>The presenter gives the session to another seat; the former presenter follows.</summary>
    public void HandOver(string presenterKey, string toKey)
    {
        if (Require(presenterKey).Mode != SeatMode.Presenting)
            throw DomainException.Forbidden("Only the presenter can hand the session over.");
        Require(toKey);
        MakePresenter(toKey);
        Changed();
    }

    /// <summary>A director (or a site administrator) may take the session without being handed it.</summary>
    public void TakeOver(string key)
    {
        var seat = Require(key);
        if (seat.Mode == SeatMode.Presenting)
            return;
        if (seat.Role != ProjectRole.Director && !seat.Administrator)
            throw DomainException.Forbidden("Only a director can take the session over; ask the presenter to hand it to you.");
        MakePresenter(key);
        Changed();
    }

    public void Move(string key, SessionPlayhead playhead)
    {
        if (Require(key).Mode != SeatMode.Presenting)
            throw DomainException.Forbidden("Only the presenter drives the session.");
        Playhead = SessionPlayhead.Validate(playhead);
        Changed();
    }

    /// <summary>The presenter or a director ends it for everyone.</summary>
    public void End(string key)
    {
        var seat = Require(key);
        if (seat.Mode != SeatMode.Presenting && seat.Role != ProjectRole.Director && !seat.Administrator)
            throw DomainException.Forbidden("Only the presenter or a director can end the session.");
        _seats.Clear();
        Ended = true;
        Changed();
    }

    private SessionSeat Require(string key) =>
        Seat(key) ?? throw DomainException.NotFound("You are not in this session; join it first.");

    private void SetMode(SessionSeat seat, SeatMode mode)
    {
        if (seat.Mode == SeatMode.Presenting)
            throw new DomainException("You are presenting: hand the session over before you break away.");
        if (seat.Mode == mode)
            return;
        Replace(seat with { Mode = mode });
        Changed();
    }

    private void MakePresenter(string key)
    {
        for (var i = 0; i < _seats.Count; i++)
        {
            var seat = _seats[i];
            _seats[i] = seat.Key == key
                ? seat with { Mode = SeatMode.Presenting, WantsToPresent = false }
                : seat.Mode == SeatMode.Presenting ? seat with { Mode = SeatMode.Following } : seat;
        }
    }

    private void Replace(SessionSeat seat) => _seats[_seats.FindIndex(s => s.Key == seat.Key)] = seat;

    private void Changed() => Version++;
}
