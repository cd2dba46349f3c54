using ReviewRoom.Core;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Playlists;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Playlists;

public sealed class PlaylistRulesTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static SmartListTake Take(string id, int shot, int version, DateTime created, TakeStatus status = TakeStatus.NotReviewed, bool decidedByMe = false, bool circled = false) =>
        new(Guid.Parse($"00000000-0000-0000-0000-0000000000{id}"), shot, version, created, status, decidedByMe, circled);

    private static readonly SmartListTake[] Board =
    [
        Take("21", 2, 1, Monday, TakeStatus.Approved, decidedByMe: true, circled: true),
        Take("11", 1, 1, Monday, TakeStatus.ChangesRequested),
        Take("12", 1, 2, Monday.AddDays(2), TakeStatus.InReview, decidedByMe: true),
        Take("13", 1, 3, Monday.AddDays(3)),
        Take("22", 2, 2, Monday.AddDays(3), TakeStatus.Rejected),
        Take("31", 3, 1, Monday.AddDays(1), TakeStatus.ChangesRequested, circled: true),
    ];

    private static string[] Resolve(SmartList list, bool mayDecide = true, DateTime? previousVisit = null) =>
        [.. SmartLists.Resolve(list, Board, mayDecide, previousVisit).Select(id => id.ToString()[^2..])];

    [Fact]
    public void NewSinceMyLastVisit_HoldsWhatArrivedAfterIt_InCutOrder()
    {
        Assert.Equal(["12", "13", "22"], Resolve(SmartList.NewSinceMyLastVisit, previousVisit: Monday.AddDays(1)));
    }

    [Fact]
    public void NewSinceMyLastVisit_HoldsEverything_OnAFirstVisit()
    {
        Assert.Equal(["11", "12", "13", "21", "22", "31"], Resolve(SmartList.NewSinceMyLastVisit, previousVisit: null));
    }

    [Fact]
    public void NeedsMyDecision_HoldsOpenTakesIHaveNotDecided_AndNothingForWhoCannotDecide()
    {
        Assert.Equal(["11", "13", "31"], Resolve(SmartList.NeedsMyDecision));
        Assert.Empty(Resolve(SmartList.NeedsMyDecision, mayDecide: false));
    }

    [Fact]
    public void ChangesRequested_AndCircledInCutOrder()
    {
        Assert.Equal(["11", "31"], Resolve(SmartList.ChangesRequested));
        Assert.Equal(["21", "31"], Resolve(SmartList.CircledInCutOrder));
    }

    [Fact]
    public void EverySmartList_HasAnAddressThatReadsBack_AndAStrangeOneReadsAsNone()
    {
        foreach (var list in SmartLists.All)
            Assert.Equal(list, SmartLists.FromSlug(SmartLists.Slug(list)));
        Assert.Null(SmartLists.FromSlug("smart-everything"));
        Assert.Null(SmartLists.FromSlug(null));
    }

    [Fact]
    public void APlaylist_KeepsItsTakesInOrder_OnceEach()
    {
        var playlist = new Playlist(Guid.NewGuid(), "  Dailies Tuesday ", null, Monday);
        Assert.Equal("Dailies Tuesday", playlist.Name);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        playlist.SetTakes([c, a, c, Guid.Empty, b], Monday);
        Assert.Equal([c, a, b], playlist.TakeIds);
        playlist.SetTakes([], Monday);
        Assert.Empty(playlist.TakeIds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public void APlaylistNeedsAPlainName(string name)
    {
        Assert.Throws<DomainException>(() => new Playlist(Guid.NewGuid(), name, null, Monday));
    }

    [Fact]
    public void APlaylist_RefusesMoreThanItHolds_AndANameTooLong()
    {
        var playlist = new Playlist(Guid.NewGuid(), "Big", null, Monday);
        Assert.Throws<DomainException>(() => playlist.SetTakes(Enumerable.Range(0, Playlist.MaxTakes + 1).Select(_ => Guid.NewGuid()), Monday));
        Assert.Throws<DomainException>(() => playlist.Rename(new string('x', Playlist.MaxNameLength + 1), Monday));
        Assert.Equal("Big", playlist.Name);
    }

    [Fact]
    public void AVisitWithinTheHour_IsTheSameVisit_ALaterOneMovesThePreviousVisitOn()
    {
        var visit = new ProjectVisit(Guid.NewGuid(), Guid.NewGuid(), Monday);
        visit.Visit(Monday.AddMinutes(30));
        Assert.Null(visit.PreviousVisitAt);
        visit.Visit(Monday.AddHours(3));
        Assert.Equal(Monday.AddMinutes(30), visit.PreviousVisitAt);
        Assert.Equal(Monday.AddHours(3), visit.LastVisitAt);
    }
}
