using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Data.Queries;

namespace ReviewRoom.Web.Features.Generation;

/// <summary>The model report of a project, from its board and its review, for the page and the CSV alike.</summary>
public sealed class ModelReportReader(ProjectQueries projects, DecisionQueries decisions)
{
    /// <summary>Null when the project does not exist. Archived shots count: their credits were spent all the same.</summary>
    public async Task<ModelReport?> ReadAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        if (await projects.GetBoardAsync(projectId, cancellationToken) is not { } board)
            return null;
        var review = await decisions.GetProjectStateAsync(projectId, cancellationToken);
        var takes = board.Shots.Concat(board.ArchivedShots).SelectMany(shot => shot.Takes.Select(take =>
        {
            var state = review.Take(take.Id);
            var status = state?.Status ?? TakeStatus.NotReviewed;
            // Approved when the last of its current decisions was made: the moment the status became what it is.
            var approvedAt = status == TakeStatus.Approved && state!.Current.Count > 0 ? state.Current.Max(d => d.DecidedAt) : (DateTime?)null;
            return new ModelReportTake(take.Id, shot.Id, shot.Code, shot.Order, take.Model, take.Version, take.CreditsSpent, take.DurationFrames, take.FrameRate,
                status, review.Shot(shot.Id)?.CircledTakeId == take.Id, take.CreatedAt, approvedAt);
        }));
        return ModelReport.Build(takes);
    }

    /// <summary>One table for spreadsheets: every model, then every shot, then the project's total.</summary>
    public static Csv ToCsv(ModelReport report)
    {
        var csv = new Csv("by", "name", "takes", "approved", "approval_rate", "circled", "circled_rate", "credits", "approved_seconds",
            "credits_per_approved_second", "median_takes_before_approval");
        foreach (var (by, row) in report.Models.Select(r => ("model", r)).Concat(report.Shots.Select(r => ("shot", r))).Append(("project", report.Total)))
            csv.Row(by, row.Name, Number(row.Takes), Number(row.Approved), Number(row.ApprovalRate, "0.###"), Number(row.Circled), Number(row.CircledRate, "0.###"),
                Number(row.Credits), Number(row.ApprovedSeconds, "0.###"), row.CreditsPerApprovedSecond is { } perSecond ? Number(perSecond) : "",
                row.MedianTakesBeforeApproval is { } median ? Number(median, "0.#") : "");
        return csv;
    }

    private static string Number(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
