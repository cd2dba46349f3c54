using Bunit;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Ingest.Components;

namespace ReviewRoom.UnitTests.Web.Ingest;

public class IngestJobCardTests : MudComponentTest
{
    private static IngestJobView Job(IngestJobState state, string stage = "Making the web proxy", double progress = 0.42, string? error = null, int attempts = 1) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "take_v7.mov", 1_000_000, state, stage, progress, error, attempts, DateTime.UtcNow, null);

    [Fact]
    public void Running_ShowsItsStageAndPercent()
    {
        var card = Render<IngestJobCard>(p => p.Add(c => c.Job, Job(IngestJobState.Running)).Add(c => c.CanAct, true));

        Assert.Equal("Making the web proxy · 42%", card.Find("[data-testid=ingest-job-stage]").TextContent.Replace('\u00a0', ' ').Replace(" %", "%"));
        Assert.Empty(card.FindAll("[data-testid=ingest-job-retry]"));
    }

    [Fact]
    public void Failed_ShowsTheReason_AndRetryAndDismissCallBack()
    {
        Guid? retried = null, dismissed = null;
        var job = Job(IngestJobState.Failed, "Failed", 0, "It is a text file, not a video");

        var card = Render<IngestJobCard>(p => p.Add(c => c.Job, job).Add(c => c.CanAct, true)
            .Add(c => c.OnRetry, id => retried = id).Add(c => c.OnDismiss, id => dismissed = id));
        card.Find("[data-testid=ingest-job-retry]").Click();
        card.Find("[data-testid=ingest-job-dismiss]").Click();

        Assert.Equal("It is a text file, not a video", card.Find("[data-testid=ingest-job-error]").TextContent);
        Assert.Equal((job.Id, job.Id), (retried, dismissed));
    }

    [Fact]
    public void Failed_ForSomeoneWhoCannotUpload_HasNoButtons()
    {
        var card = Render<IngestJobCard>(p => p.Add(c => c.Job, Job(IngestJobState.Failed, error: "bad")).Add(c => c.CanAct, false));

        Assert.Empty(card.FindAll("button"));
    }

    [Fact]
    public void QueuedAfterAFailure_SaysItIsRetrying()
    {
        var card = Render<IngestJobCard>(p => p.Add(c => c.Job, Job(IngestJobState.Queued, "Retrying (attempt 2 of 4)", 0, "encoder crashed")));

        Assert.Equal("Retrying (attempt 2 of 4)", card.Find("[data-testid=ingest-job-stage]").TextContent);
    }
}
