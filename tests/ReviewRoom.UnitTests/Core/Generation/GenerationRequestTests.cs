using ReviewRoom.Core;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Generation;

public sealed class CreditEstimateTests
{
    [Fact]
    public void For_TakesTheMedianOfRecentCosts_TimesTheTakes_IgnoringFreeTakes()
    {
        // Newest first: one long extension (90) and two takes that recorded no cost must not move it.
        var estimate = CreditEstimate.For([40m, 0m, 90m, 35m, 0m, 45m], 4)!;

        Assert.Equal(42.5m, estimate.PerTake);
        Assert.Equal(170m, estimate.Total);
        Assert.Equal(4, estimate.TakesSeen);
    }

    [Fact]
    public void For_OddCount_UsesTheMiddleCost()
    {
        Assert.Equal(3m, CreditEstimate.For([1m, 3m, 7m], 1)!.Total);
    }

    [Fact]
    public void For_LooksOnlyAtTheLatestTakes_SoAPriceChangeShowsSoon()
    {
        // 20 takes at the new price, then many at the old one.
        var costs = Enumerable.Repeat(10m, CreditEstimate.RecentTakes).Concat(Enumerable.Repeat(100m, 50));

        Assert.Equal(10m, CreditEstimate.For(costs, 1)!.PerTake);
    }

    [Fact]
    public void For_NoCostsKnown_IsNull()
    {
        Assert.Null(CreditEstimate.For([], 3));
        Assert.Null(CreditEstimate.For([0m, 0m], 3));
    }
}

public sealed class GenerationRequestTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static GenerationRequest Request(int takes = 2) => GenerationRequest.Create(Guid.NewGuid(), Guid.NewGuid(),
        new GenerationInfo { Model = "veo", Prompt = "p", ParentTakeId = Guid.NewGuid(), Relation = TakeRelation.ReRoll },
        Enumerable.Range(1, takes).Select(i => (long?)i).ToList(), [Guid.NewGuid()], Guid.NewGuid(), Now, Hour);

    [Fact]
    public void Fill_PutsTakesInEmptySlots_MatchingTheSeedWhenItCan_AndCompletesWhenFull()
    {
        var request = Request();
        var second = Guid.NewGuid();
        var first = Guid.NewGuid();

        Assert.Equal(1, request.Fill(second, 2, Now)!.Index);
        Assert.Equal(GenerationRequestState.Open, request.State);
        Assert.Equal(0, request.Fill(first, 99, Now)!.Index);
        Assert.Equal(GenerationRequestState.Filled, request.State);
        // A take past the last slot still joins its shot, answering for no slot; the same take again keeps its slot.
        Assert.Null(request.Fill(Guid.NewGuid(), null, Now));
        Assert.Equal(1, request.Fill(second, 2, Now)!.Index);
    }

    [Fact]
    public void Claim_HoldsForTheLease_AnotherPipelineWaits_TheHolderRenews()
    {
        var request = Request();
        request.Claim("a", Now, Hour);

        Assert.Contains("‘a’ is already working", Assert.Throws<DomainException>(() => request.Claim("b", Now.AddMinutes(5), Hour)).Message);
        request.Claim("a", Now.AddMinutes(30), Hour);
        Assert.Equal(Now.AddMinutes(90), request.LeaseExpiresAt);
        Assert.Throws<DomainException>(() => request.ReportProgress("b", 0.5, null, Now.AddMinutes(31), Hour));
        Assert.Throws<DomainException>(() => request.ReportProgress("a", 1.5, null, Now.AddMinutes(31), Hour));
    }

    [Fact]
    public void Expire_TimesOutAnUnclaimedRequest_AndOpensALapsedClaimAgain()
    {
        var unclaimed = Request();
        Assert.Equal(GenerationRequestExpiry.None, unclaimed.Expire(Now.AddMinutes(59), Hour));
        Assert.Equal(GenerationRequestExpiry.TimedOut, unclaimed.Expire(Now.AddHours(1), Hour));
        Assert.Equal(GenerationRequestState.TimedOut, unclaimed.State);
        Assert.Throws<DomainException>(() => unclaimed.Claim("a", Now.AddHours(2), Hour));

        var dropped = Request();
        dropped.Claim("a", Now, TimeSpan.FromMinutes(10));
        Assert.Equal(GenerationRequestExpiry.Released, dropped.Expire(Now.AddMinutes(10), Hour));
        Assert.Equal((GenerationRequestState.Open, (string?)null, Now.AddMinutes(70)), (dropped.State, dropped.ClaimedBy, dropped.ClaimBy));
        dropped.Claim("b", Now.AddMinutes(11), Hour);
    }

    [Fact]
    public void Cancel_OnlyUntilClaimed_AndNoMoreTakesAreWelcomeAfter()
    {
        var claimed = Request();
        claimed.Claim("a", Now, Hour);
        Assert.Throws<DomainException>(() => claimed.Cancel(Guid.NewGuid(), Now));

        var open = Request();
        open.Cancel(Guid.NewGuid(), Now);
        Assert.Equal(GenerationRequestState.Cancelled, open.State);
        Assert.Contains("cancelled", Assert.Throws<DomainException>(open.EnsureAcceptsTakes).Message);
    }

    [Fact]
    public void Fail_NeedsAReason_FromTheHolder()
    {
        var request = Request();
        request.Claim("a", Now, Hour);

        Assert.Throws<DomainException>(() => request.Fail("a", "  ", Now));
        request.Fail("a", "Out of memory", Now);
        Assert.Equal((GenerationRequestState.Failed, "Out of memory"), (request.State, request.FailureReason));
    }

    [Fact]
    public void Create_RefusesTooManyTakesOrNoParent()
    {
        Assert.Throws<DomainException>(() => Request(takes: 9));
        Assert.Throws<DomainException>(() => GenerationRequest.Create(Guid.NewGuid(), Guid.NewGuid(), new GenerationInfo { Model = "veo", Prompt = "p" },
            [1], [], Guid.NewGuid(), Now, Hour));
    }
}
