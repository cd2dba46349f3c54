using ReviewRoom.Core;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Ingest;

public class IngestJobTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static IngestJob NewJob() =>
        new(Guid.NewGuid(), Guid.NewGuid(), "ingest/x/original.mov", "a.mov", 10, GenerationInfo.Unknown, null, null, Now);

    [Fact]
    public void Fail_PassingProblem_QueuesAgainAfterGrowingWaitsUntilAttemptsRunOut()
    {
        var job = NewJob();
        var waits = new List<TimeSpan>();
        while (true)
        {
            job.Start(Now, TimeSpan.FromSeconds(30));
            job.Fail("encoder crashed", permanent: false, Now);
            if (job.State == IngestJobState.Failed)
                break;
            waits.Add(job.NextAttemptAt - Now);
        }

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(32)], waits);
        Assert.Equal(IngestJob.DefaultMaxAttempts, job.Attempts);
        Assert.Equal("encoder crashed", job.Error);
    }

    [Fact]
    public void ALease_KeepsTheJobItsNodes_WhileRenewed_AndFreesItOnceItRunsOut()
    {
        var job = NewJob();
        job.Start(Now, TimeSpan.FromSeconds(30));
        Assert.False(job.IsAbandoned(Now.AddSeconds(29)));
        Assert.True(job.IsAbandoned(Now.AddSeconds(31)));

        job.RenewLease(Now.AddSeconds(60));
        Assert.False(job.IsAbandoned(Now.AddSeconds(59)));

        job.Requeue(Now.AddSeconds(61));
        Assert.Equal(IngestJobState.Queued, job.State);
        Assert.Null(job.LeaseExpiresAt);
        Assert.False(job.IsAbandoned(Now.AddHours(1)));

        job.Start(Now, TimeSpan.FromSeconds(30));
        job.Succeed(Guid.NewGuid(), Now);
        Assert.Null(job.LeaseExpiresAt);
        job.RenewLease(Now.AddHours(1));
        Assert.Null(job.LeaseExpiresAt);
    }

    [Fact]
    public void Fail_RefusedFile_FailsAtOnce()
    {
        var job = NewJob();
        job.Start(Now, TimeSpan.FromSeconds(30));

        job.Fail("It is a text file", permanent: true, Now);

        Assert.Equal(IngestJobState.Failed, job.State);
        Assert.Equal(1, job.Attempts);
    }

    [Fact]
    public void Retry_FailedJob_StartsItsAttemptsOver()
    {
        var job = NewJob();
        job.Start(Now, TimeSpan.FromSeconds(30));
        job.Fail("bad", permanent: true, Now);

        job.Retry(Now.AddMinutes(1));

        Assert.Equal((IngestJobState.Queued, 0, Now.AddMinutes(1)), (job.State, job.Attempts, job.NextAttemptAt));
    }

    [Fact]
    public void Retry_JobThatIsNotFailed_IsRefused()
    {
        Assert.Throws<DomainException>(() => NewJob().Retry(Now));
    }

    [Fact]
    public void Requeue_RunningJob_CountsTheInterruptedAttemptAndQueuesIt()
    {
        var job = NewJob();
        job.Start(Now, TimeSpan.FromSeconds(30));

        job.Requeue(Now);

        Assert.Equal((IngestJobState.Queued, 1), (job.State, job.Attempts));
    }

    [Fact]
    public void Requeue_JobThatStoppedTheServerOnEveryAttempt_IsSetAsideWithAReason()
    {
        var job = NewJob();
        for (var attempt = 1; attempt <= job.MaxAttempts; attempt++)
        {
            job.Start(Now, TimeSpan.FromSeconds(30));
            job.Requeue(Now);
        }

        Assert.Equal(IngestJobState.Failed, job.State);
        Assert.Contains("server stopped while processing this file 4 times", job.Error);
    }

    [Fact]
    public void BackoffAfter_ManyAttempts_IsCappedAtTenMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), IngestJob.BackoffAfter(30));
    }
}
