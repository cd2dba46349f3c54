using System.Text.RegularExpressions;
using ReviewRoom.Core;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Sessions;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Sessions;

/// <summary>A session as pages see it after a change; <see cref="Version"/> orders the states of one session.</summary>
public sealed record SessionState(Guid ProjectId, Guid SessionId, long Version, IReadOnlyList<SessionSeat> Seats, SessionPlayhead? Playhead, bool Ended)
{
    public SessionSeat? Presenter => Seats.FirstOrDefault(s => s.Mode == SeatMode.Presenting);

    public SessionSeat? Seat(string key) => Seats.FirstOrDefault(s => s.Key == key);

    public static SessionState Of(ReviewSession session) =>
        new(session.ProjectId, session.Id, session.Version, [.. session.Seats], session.Playhead, session.Ended);
}

/// <summary>What a mark on the picture is: the laser pointer (or its going away) or a drawing being made.</summary>
public enum SessionMarkKind
{
    Laser = 0,
    LaserOff = 1,
    Sketch = 2,
}

/// <summary>
/// A mark someone in a session is making on the picture of <see cref="Location"/>, as they make it: never stored (a
/// drawing is stored with the note it goes with). Coordinates are fractions of the picture.
/// </summary>
public sealed record SessionMark(Guid ProjectId, string SeatKey, string DisplayName, string Location, SessionMarkKind Kind, double X, double Y, Drawing? Sketch);

/// <summary>
/// Live review sessions, one per project at most, kept by an <see cref="ISessionKeeper"/> (in process, or in Redis for
/// several nodes): they are ephemeral by design (the presenter's playhead is not a room event), and what people write
/// and decide during one goes through the room as always. A seat is one open page (a circuit); each command checks that
/// the seat is the caller's.
/// </summary>
public sealed partial class SessionCommands(ProjectAccess access, ISessionKeeper keeper, ILogger<SessionCommands> logger)
{
    private readonly Lock _lock = new();

    /// <summary>Every change to a session, in the order it was made within that session.</summary>
    public Feed<SessionState> Changed => keeper.Changed;

    /// <summary>Marks on the picture as people make them; ephemeral, so a slow page misses some rather than holding others up.</summary>
    public Feed<SessionMark> Marks { get; } = new((ex, mark) => logger.LogWarning(ex, "A session mark subscriber failed for project {Project}", mark.ProjectId));

    /// <summary>At most this many marks a second from one seat: a pointer moves smoothly at far fewer.</summary>
    public const int MarksPerSecond = 40;

    private readonly Dictionary<string, (long Second, int Count)> _markBudget = [];

    /// <summary>The server's clock in Unix milliseconds, which presenters and followers both measure themselves against.</summary>
    public static double ServerNowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>The pages a session can show; anything else a browser sends is refused.</summary>
    [GeneratedRegex(@"^/(takes/[0-9a-f-]{36}|compare/[0-9a-f-]{36}/[0-9a-f-]{36}|grid/[0-9a-f-]{36}(,[0-9a-f-]{36}){0,8})(\?[A-Za-z0-9=&.,_-]{0,200})?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PresentablePage();

    public static bool CanPresent(string location) => PresentablePage().IsMatch(location);

    public SessionState? Current(Guid projectId) => keeper.Current(projectId);

    /// <summary>A key for a new page's seat.</summary>
    internal string NewSeatKey() => keeper.NewSeatKey();

    public async Task StartAsync(Actor actor, Guid projectId, string seatKey)
    {
        var seat = await SeatForAsync(actor, projectId, seatKey);
        await keeper.ChangeAsync(projectId, running => running is null
            ? ReviewSession.Start(projectId, seat, DateTime.UtcNow)
            : throw new DomainException("A session is already running in this project: join it."));
    }

    public async Task JoinAsync(Actor actor, Guid projectId, string seatKey)
    {
        var seat = await SeatForAsync(actor, projectId, seatKey);
        await keeper.ChangeAsync(projectId, running =>
        {
            var session = Running(running);
            session.Join(seat);
            return session;
        });
    }

    public Task LeaveAsync(Actor actor, Guid projectId, string seatKey) => OnOwnSeatAsync(actor, projectId, seatKey, s => s.Leave(seatKey));

    public Task BreakAwayAsync(Actor actor, Guid projectId, string seatKey) => OnOwnSeatAsync(actor, projectId, seatKey, s => s.BreakAway(seatKey));

    public Task RejoinAsync(Actor actor, Guid projectId, string seatKey) => OnOwnSeatAsync(actor, projectId, seatKey, s => s.Rejoin(seatKey));

    public Task AskToPresentAsync(Actor actor, Guid projectId, string seatKey) => OnOwnSeatAsync(actor, projectId, seatKey, s => s.AskToPresent(seatKey));

    public Task TakeOverAsync(Actor actor, Guid projectId, string seatKey) => OnOwnSeatAsync(actor, projectId, seatKey, s => s.TakeOver(seatKey));

    public Task HandOverAsync(Actor actor, Guid projectId, string seatKey, string toSeatKey) =>
        OnOwnSeatAsync(actor, projectId, seatKey, s => s.HandOver(seatKey, toSeatKey));

    public Task EndAsync(Actor actor, Guid projectId, string seatKey) => OnOwnSeatAsync(actor, projectId, seatKey, s => s.End(seatKey));

    /// <summary>The presenter's page and playhead, from their browser: checked like everything else that comes from one.</summary>
    public Task MoveAsync(Actor actor, Guid projectId, string seatKey, SessionPlayhead playhead)
    {
        ArgumentNullException.ThrowIfNull(playhead);
        if (!CanPresent(playhead.Location))
            throw new DomainException("A session can show a take, a comparison or a grid, nothing else.");
        return OnOwnSeatAsync(actor, projectId, seatKey, s => s.Move(seatKey, playhead));
    }

    /// <summary>
    /// A mark on the picture from anyone in the session (presenting or following): the laser pointer where they point,
    /// or the drawing they are making. Over the budget, marks are dropped: the next one says where things are.
    /// </summary>
    public Task MarkAsync(Actor actor, Guid projectId, string seatKey, SessionMarkKind kind, double x, double y, Drawing? sketch, string location)
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("That is not a mark.");
        if (kind == SessionMarkKind.Laser && (!double.IsFinite(x) || !double.IsFinite(y) || x is < 0 or > 1 || y is < 0 or > 1))
            throw new DomainException("The pointer must be on the picture.");
        if (!CanPresent(location))
            throw new DomainException("Marks go on a take, a comparison or a grid.");
        var checkedSketch = kind == SessionMarkKind.Sketch && sketch is not null ? Drawing.Validate(sketch) : null;
        SessionMark mark;
        var state = keeper.Current(projectId) ?? throw NoSession();
        lock (_lock)
        {
            if (state.Seat(RequireKey(seatKey)) is not { } seat || seat.UserId != actor.UserId)
                throw DomainException.NotFound("You are not in this session; join it first.");
            var second = Environment.TickCount64 / 1000;
            var (budgetSecond, count) = _markBudget.GetValueOrDefault(seatKey);
            count = budgetSecond == second ? count + 1 : 1;
            _markBudget[seatKey] = (second, count);
            if (count > MarksPerSecond)
                return Task.CompletedTask;
            mark = new SessionMark(projectId, seatKey, seat.DisplayName, location, kind, x, y, checkedSketch);
        }
        return Marks.PublishAsync(mark);
    }

    /// <summary>A page's connection is gone (tab closed, network lost): its seat leaves every session it sat in.</summary>
    public Task DropSeatAsync(string seatKey)
    {
        lock (_lock)
            _markBudget.Remove(seatKey);
        return DropSeatsAsync(seatKey);
    }

    /// <summary>
    /// Every seat whose key starts with <paramref name="seatKeyPrefix"/> leaves (one page's, or all of a node that is
    /// gone); a presenter among them hands over as when they leave by choice.
    /// </summary>
    internal async Task DropSeatsAsync(string seatKeyPrefix)
    {
        foreach (var projectId in keeper.ProjectsSeating(seatKeyPrefix))
        {
            try
            {
                await keeper.ChangeAsync(projectId, running =>
                {
                    var session = Running(running);
                    foreach (var seat in session.Seats.Where(s => s.Key.StartsWith(seatKeyPrefix, StringComparison.Ordinal)).ToList())
                        session.Leave(seat.Key);
                    return session;
                });
            }
            catch (DomainException)
            {
                // The session ended meanwhile: there is nothing left to leave.
            }
        }
    }

    private async Task<SessionSeat> SeatForAsync(Actor actor, Guid projectId, string seatKey)
    {
        var (userId, _, role) = await access.RequireMemberAsync(actor, projectId, "project");
        return new SessionSeat(RequireKey(seatKey), userId, actor.DisplayName, role, actor.IsAdministrator, DateTime.UtcNow);
    }

    private static string RequireKey(string seatKey) =>
        string.IsNullOrEmpty(seatKey) || seatKey.Length > 80 ? throw new DomainException("This page has no seat in a session.") : seatKey;

    private Task OnOwnSeatAsync(Actor actor, Guid projectId, string seatKey, Action<ReviewSession> change) =>
        keeper.ChangeAsync(projectId, running =>
        {
            var session = Running(running);
            if (session.Seat(RequireKey(seatKey)) is not { } seat || seat.UserId != actor.UserId)
                throw DomainException.NotFound("You are not in this session; join it first.");
            change(session);
            return session;
        });

    private static ReviewSession Running(ReviewSession? running) => running ?? throw NoSession();

    private static DomainException NoSession() => DomainException.NotFound("No session is running in this project.");
}
