using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Generation;

/// <summary>The report's figures on a small project worked out by hand: two models, three shots, three frame rates.</summary>
public sealed class ModelReportTests
{
    private static readonly Guid Sh010 = Guid.NewGuid(), Sh020 = Guid.NewGuid(), Sh030 = Guid.NewGuid();
    private static readonly DateTime Monday = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
    private static readonly FrameRate Ntsc = new(24000, 1001);
    private static readonly FrameRate Pal = new(25, 1);

    private static ModelReportTake Take(Guid shot, string code, int order, string model, int version, decimal credits, long frames, FrameRate rate,
        TakeStatus status, bool circled = false, int madeOnDay = 0, int? approvedOnDay = null) =>
        new(Guid.NewGuid(), shot, code, order, model, version, credits, frames, rate, status, circled, Monday.AddDays(madeOnDay),
            approvedOnDay is { } day ? Monday.AddDays(day) : null);

    // SH010, Veo at 23.976: v1 rejected (40), v2 in review (40), v3 approved and circled (40): 120 frames = 5.005 s.
    // SH020, Kling at 25: v1 approved (35): 100 frames = 4 s; v2 rejected (35).
    // SH030, Veo at 30: v1 approved and circled (20): 60 frames = 2 s. Kling v2 not reviewed (35).
    private static readonly ModelReportTake[] Project =
    [
        Take(Sh010, "SH010", 1, "Veo", 1, 40, 120, Ntsc, TakeStatus.Rejected),
        Take(Sh010, "SH010", 1, "Veo", 2, 40, 120, Ntsc, TakeStatus.InReview),
        Take(Sh010, "SH010", 1, "Veo", 3, 40, 120, Ntsc, TakeStatus.Approved, circled: true, madeOnDay: 1, approvedOnDay: 2),
        Take(Sh020, "SH020", 2, "Kling", 1, 35, 100, Pal, TakeStatus.Approved, approvedOnDay: 1),
        Take(Sh020, "SH020", 2, "Kling", 2, 35, 100, Pal, TakeStatus.Rejected, madeOnDay: 1),
        Take(Sh030, "SH030", 3, "Veo", 1, 20, 60, FrameRate.Fps30, TakeStatus.Approved, circled: true, approvedOnDay: 2),
        Take(Sh030, "SH030", 3, "Kling", 2, 35, 60, FrameRate.Fps30, TakeStatus.NotReviewed, madeOnDay: 2),
    ];

    [Fact]
    public void ByModel_CountsRatesCreditsAndSecondsAtEachTakesOwnRate()
    {
        var report = ModelReport.Build(Project);

        var veo = report.Models.Single(m => m.Name == "Veo");
        Assert.Equal((4, 2, 2, 140m), (veo.Takes, veo.Approved, veo.Circled, veo.Credits));
        Assert.Equal(0.5, veo.ApprovalRate);
        // 120 frames at 24000/1001 is 5.005 s, plus 60 at 30 is 2 s.
        Assert.Equal(7.005, veo.ApprovedSeconds, 9);
        Assert.Equal(decimal.Round(140m / 7.005m, 2), veo.CreditsPerApprovedSecond);
        // Before the first approval: two tries on SH010, none on SH030; the median of 0 and 2 is 1.
        Assert.Equal(1, veo.MedianTakesBeforeApproval);

        var kling = report.Models.Single(m => m.Name == "Kling");
        Assert.Equal((3, 1, 0, 105m, 4.0), (kling.Takes, kling.Approved, kling.Circled, kling.Credits, kling.ApprovedSeconds));
        Assert.Equal(26.25m, kling.CreditsPerApprovedSecond);
        Assert.Equal(0, kling.MedianTakesBeforeApproval);
        // Most credits first.
        Assert.Equal(["Veo", "Kling"], report.Models.Select(m => m.Name));
    }

    [Fact]
    public void ByShot_InCutOrder_AndTheTotal()
    {
        var report = ModelReport.Build(Project);

        Assert.Equal(["SH010", "SH020", "SH030"], report.Shots.Select(s => s.Name));
        var sh010 = report.Shots[0];
        Assert.Equal((3, 1, 1, 120m, 2.0), (sh010.Takes, sh010.Approved, sh010.Circled, sh010.Credits, sh010.MedianTakesBeforeApproval));
        Assert.Equal((7, 3, 2, 245m), (report.Total.Takes, report.Total.Approved, report.Total.Circled, report.Total.Credits));
        Assert.Equal(11.005, report.Total.ApprovedSeconds, 9);
        Assert.Equal(decimal.Round(245m / 11.005m, 2), report.Total.CreditsPerApprovedSecond);
    }

    [Fact]
    public void RunningTotals_AddCreditsWhenMadeAndSecondsWhenApproved_DayByDay()
    {
        var days = ModelReport.Build(Project).Days;

        Assert.Equal([DateOnly.FromDateTime(Monday), DateOnly.FromDateTime(Monday.AddDays(1)), DateOnly.FromDateTime(Monday.AddDays(2))], days.Select(d => d.Day));
        Assert.Equal([135m, 210m, 245m], days.Select(d => d.CreditsSoFar));
        Assert.Equal(0, days[0].ApprovedSecondsSoFar);
        Assert.Equal(4, days[1].ApprovedSecondsSoFar, 9);
        Assert.Equal(11.005, days[2].ApprovedSecondsSoFar, 9);
    }

    [Fact]
    public void AModelWithNothingApproved_HasNoCostPerSecondOrMedian_AndAnEmptyProjectHasNoRows()
    {
        var report = ModelReport.Build([Take(Sh010, "SH010", 1, "Wan", 1, 10, 48, FrameRate.Fps24, TakeStatus.Rejected)]);
        var wan = Assert.Single(report.Models);
        Assert.Null(wan.CreditsPerApprovedSecond);
        Assert.Null(wan.MedianTakesBeforeApproval);
        Assert.Equal(0, wan.ApprovalRate);

        var empty = ModelReport.Build([]);
        Assert.Empty(empty.Models);
        Assert.Empty(empty.Days);
        Assert.Equal(0, empty.Total.Takes);
    }
}
