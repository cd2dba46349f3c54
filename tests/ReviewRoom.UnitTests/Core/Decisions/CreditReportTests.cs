using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Decisions;

public class CreditReportTests
{
    private static readonly Guid ShotA = Guid.NewGuid(), ShotB = Guid.NewGuid();

    [Fact]
    public void Build_SumsPerShotCircledRejectedAndPerApprovedSecond()
    {
        var a1 = new CreditTake(Guid.NewGuid(), ShotA, 10m, 120, FrameRate.Fps24, TakeStatus.Rejected);
        var a2 = new CreditTake(Guid.NewGuid(), ShotA, 12.5m, 240, FrameRate.Fps24, TakeStatus.Approved); // 10 s
        var b1 = new CreditTake(Guid.NewGuid(), ShotB, 7.5m, 150, FrameRate.Parse("25"), TakeStatus.InReview); // circled, not approved

        var report = CreditReport.Build([a1, a2, b1], new Dictionary<Guid, Guid?> { [ShotA] = a2.Id, [ShotB] = b1.Id });

        Assert.Equal(30m, report.Total);
        Assert.Equal(10m, report.OnRejected);
        Assert.Equal(10, report.ApprovedCutSeconds, 6);
        Assert.Equal(3m, report.PerApprovedSecond); // 30 credits bought 10 approved seconds
        var shotA = report.Shots.Single(s => s.ShotId == ShotA);
        Assert.Equal((22.5m, 12.5m, 2), (shotA.AllTakes, shotA.CircledTake!.Value, shotA.TakeCount));
        Assert.Equal(7.5m, report.Shots.Single(s => s.ShotId == ShotB).CircledTake);
    }

    [Fact]
    public void Build_NothingApprovedAndCircled_HasNoPerSecondFigure()
    {
        var take = new CreditTake(Guid.NewGuid(), ShotA, 5m, 48, FrameRate.Fps24, TakeStatus.Approved);

        var report = CreditReport.Build([take], new Dictionary<Guid, Guid?>());

        Assert.Null(report.PerApprovedSecond);
        Assert.Null(report.Shots.Single().CircledTake);
    }

    [Fact]
    public void Build_FrameRatesAreRational_SecondsFollowTheTakesOwnRate()
    {
        var take = new CreditTake(Guid.NewGuid(), ShotA, 1001m, 24000, FrameRate.Parse("24000/1001"), TakeStatus.Approved);

        var report = CreditReport.Build([take], new Dictionary<Guid, Guid?> { [ShotA] = take.Id });

        Assert.Equal(1001, report.ApprovedCutSeconds, 6);
        Assert.Equal(1m, report.PerApprovedSecond);
    }
}
