using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Sessions;

namespace ReviewRoom.UnitTests.Core.Sessions;

public sealed class ReviewSessionTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private static SessionSeat Seat(string key, ProjectRole role = ProjectRole.Writer, bool administrator = false) =>
        new(key, Guid.NewGuid(), key, role, administrator, Now);

    private static SessionPlayhead At(double position, bool playing = false, double speed = 1) =>
        new("/takes/0b5c3a0e-0000-4000-8000-000000000001", position, playing, speed, 1_000);

    private static ReviewSession Started(params SessionSeat[] followers)
    {
        var session = ReviewSession.Start(Guid.NewGuid(), Seat("alice", ProjectRole.Producer), Now);
        foreach (var seat in followers)
            session.Join(seat);
        return session;
    }

    private static SeatMode ModeOf(ReviewSession session, string key) => session.Seat(key)!.Mode;

    [Fact]
    public void TheStarterPresents_AndWhoeverJoinsFollows()
    {
        var session = Started(Seat("bob"), Seat("cleo"));
        Assert.Equal("alice", session.Presenter.Key);
        Assert.Equal(SeatMode.Following, ModeOf(session, "bob"));
        Assert.Equal(SeatMode.Following, ModeOf(session, "cleo"));
    }

    [Fact]
    public void JoiningAgain_KeepsTheSeatAsItIs()
    {
        var session = Started(Seat("bob"));
        session.BreakAway("bob");
        var version = session.Version;
        session.Join(Seat("bob"));
        Assert.Equal(SeatMode.BrokeAway, ModeOf(session, "bob"));
        Assert.Equal(version, session.Version);
    }

    [Fact]
    public void OnlyThePresenter_Moves_AndEachMoveIsANewVersion()
    {
        var session = Started(Seat("bob"));
        var before = session.Version;
        session.Move("alice", At(37));
        Assert.Equal(37, session.Playhead!.Position);
        Assert.True(session.Version > before);

        var refused = Assert.Throws<DomainException>(() => session.Move("bob", At(40)));
        Assert.Equal(DomainProblem.Forbidden, refused.Problem);
        Assert.Equal(37, session.Playhead.Position);
    }

    [Fact]
    public void APausedPlayhead_StandsOnAWholeFrame_AndAPlayingOneKeepsItsFraction()
    {
        var session = Started();
        session.Move("alice", At(36.7));
        Assert.Equal(36, session.Playhead!.Position);
        session.Move("alice", At(36.7, playing: true));
        Assert.Equal(36.7, session.Playhead.Position);
    }

    [Theory]
    [InlineData("https://evil.example/takes/x")]
    [InlineData("//evil.example/")]
    [InlineData("")]
    [InlineData("/takes/a b")]
    [InlineData("/takes/\\evil")]
    [InlineData("javascript:alert(1)")]
    public void APlayheadOffReviewRoom_IsRefused(string location)
    {
        var session = Started();
        Assert.Throws<DomainException>(() => session.Move("alice", At(1) with { Location = location }));
        Assert.Null(session.Playhead);
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(-1, 1)]
    [InlineData(5, 3)]
    [InlineData(5, 0)]
    [InlineData(5, double.NaN)]
    public void HostilePositionsAndSpeeds_AreRefused(double position, double speed)
    {
        var session = Started();
        Assert.Throws<DomainException>(() => session.Move("alice", At(position, playing: true, speed: speed)));
    }

    [Fact]
    public void PlayingBackwards_IsANegativeSpeed()
    {
        var session = Started();
        session.Move("alice", At(80, playing: true, speed: -2));
        Assert.Equal(-2, session.Playhead!.Speed);
    }

    [Fact]
    public void AFollower_BreaksAwayAndRejoins_ButThePresenterCannotBreakAway()
    {
        var session = Started(Seat("bob"));
        session.BreakAway("bob");
        Assert.Equal(SeatMode.BrokeAway, ModeOf(session, "bob"));
        session.Rejoin("bob");
        Assert.Equal(SeatMode.Following, ModeOf(session, "bob"));
        Assert.Throws<DomainException>(() => session.BreakAway("alice"));
    }

    [Fact]
    public void ThePresenter_HandsOver_AndThenFollows()
    {
        var session = Started(Seat("bob"), Seat("cleo"));
        session.AskToPresent("cleo");
        Assert.True(session.Seat("cleo")!.WantsToPresent);
        session.HandOver("alice", "cleo");
        Assert.Equal("cleo", session.Presenter.Key);
        Assert.False(session.Seat("cleo")!.WantsToPresent);
        Assert.Equal(SeatMode.Following, ModeOf(session, "alice"));
        Assert.Single(session.Seats, s => s.Mode == SeatMode.Presenting);
    }

    [Fact]
    public void OnlyThePresenter_HandsOver()
    {
        var session = Started(Seat("bob"), Seat("cleo"));
        var refused = Assert.Throws<DomainException>(() => session.HandOver("bob", "cleo"));
        Assert.Equal(DomainProblem.Forbidden, refused.Problem);
        Assert.Equal("alice", session.Presenter.Key);
    }

    [Fact]
    public void ADirector_TakesTheSessionOver_OthersMustAsk()
    {
        var session = Started(Seat("bob"), Seat("dana", ProjectRole.Director), Seat("root", ProjectRole.Viewer, administrator: true));
        Assert.Throws<DomainException>(() => session.TakeOver("bob"));
        session.TakeOver("dana");
        Assert.Equal("dana", session.Presenter.Key);
        session.TakeOver("root");
        Assert.Equal("root", session.Presenter.Key);
        Assert.Single(session.Seats, s => s.Mode == SeatMode.Presenting);
    }

    [Fact]
    public void WhenThePresenterLeaves_WhoeverAskedTakesOver_ElseTheLongestFollower()
    {
        var session = Started(Seat("bob"), Seat("cleo"), Seat("dev"));
        session.AskToPresent("dev");
        session.Leave("alice");
        Assert.Equal("dev", session.Presenter.Key);

        session.BreakAway("bob");
        session.Leave("dev");
        Assert.Equal("cleo", session.Presenter.Key);

        session.Leave("cleo");
        Assert.Equal("bob", session.Presenter.Key);
        Assert.False(session.Ended);
        session.Leave("bob");
        Assert.True(session.Ended);
    }

    [Fact]
    public void ThePresenterOrADirector_EndsIt_AFollowerCannot()
    {
        var session = Started(Seat("bob"), Seat("dana", ProjectRole.Director));
        Assert.Throws<DomainException>(() => session.End("bob"));
        Assert.False(session.Ended);
        session.End("dana");
        Assert.True(session.Ended);
        Assert.Empty(session.Seats);
    }

    [Fact]
    public void ASeatNotInTheSession_IsToldToJoin()
    {
        var session = Started();
        var refused = Assert.Throws<DomainException>(() => session.Rejoin("stranger"));
        Assert.Equal(DomainProblem.NotFound, refused.Problem);
    }
}
