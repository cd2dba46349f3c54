using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.TestHost;

namespace ReviewRoom.IntegrationTests.Data;

public class RoomWriterTests : IDisposable
{
    private readonly ReviewRoomAppFactory _app = new(demo: false);

    public RoomWriterTests() => _app.CreateClient().Dispose();

    public void Dispose() => _app.Dispose();

    private RoomWriter Writer => _app.Services.GetRequiredService<RoomWriter>();

    private Task<RoomEvent> AddShotAsync(Guid projectId, string code, string? idempotencyKey = null, Guid? actor = null) =>
        Writer.WriteAsync(projectId, actor, idempotencyKey, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Shots).LoadAsync(ct);
            var shot = project.AddShot(code, "", "");
            return new RoomEventDraft(new ShotAdded(shot.Id, shot.Code, shot.Order));
        });

    [Fact]
    public async Task WriteAsync_ConcurrentChanges_GetGaplessUniqueSequences()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        var events = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => AddShotAsync(project.Id, $"SH{i:000}")));

        Assert.Equal(Enumerable.Range(2, 40).Select(i => (long)i), events.Select(e => e.Sequence).Order());
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(41, await db.RoomEvents.CountAsync(e => e.ProjectId == project.Id));
        Assert.Equal(40, await db.Shots.CountAsync(s => s.ProjectId == project.Id));
    }

    [Fact]
    public async Task WriteAsync_RetryWithTheSameIdempotencyKey_IsStoredOnce()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        var first = await AddShotAsync(project.Id, "SH010", "client-7f3a");
        var retry = await AddShotAsync(project.Id, "SH010", "client-7f3a");

        Assert.Equal(first.Sequence, retry.Sequence);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Shots.CountAsync(s => s.ProjectId == project.Id));
    }

    [Fact]
    public async Task WriteAsync_RetriesWithTheSameKeyAtOnce_StoreOneChangeAndAllAnswerWithIt()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        // Each try names a different shot: only the first to write may have its way, the others are answered with it.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => AddShotAsync(project.Id, $"SH0{i}0", "client-once"))));

        Assert.Single(answers.Select(a => a.Sequence).Distinct());
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Shots.CountAsync(s => s.ProjectId == project.Id));
        Assert.Equal(2, await db.RoomEvents.CountAsync(e => e.ProjectId == project.Id));
    }

    [Fact]
    public async Task WriteAsync_KeyedChangeThatFails_StillSaysWhy()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        var error = await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() => AddShotAsync(project.Id, "   ", "client-blank"));

        Assert.Contains("code", error.Message, StringComparison.OrdinalIgnoreCase);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.RoomEvents.CountAsync(e => e.ProjectId == project.Id));
    }

    [Fact]
    public async Task WriteAsync_FailingChange_WritesNeitherChangeNorEvent()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() => AddShotAsync(project.Id, "   "));

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.RoomEvents.CountAsync(e => e.ProjectId == project.Id));
        Assert.Equal(1, (await db.Projects.SingleAsync(p => p.Id == project.Id)).LastEventSequence);
    }

    [Fact]
    public async Task WriteAsync_AfterCommit_PublishesTheEventToTheRoom()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);
        var received = new List<RoomEvent>();
        using var _ = _app.Services.GetRequiredService<IRoomEventBus>().Subscribe(project.Id, e => { received.Add(e); return Task.CompletedTask; });

        var written = await AddShotAsync(project.Id, "SH010");

        var delivered = Assert.Single(received);
        Assert.Equal(written.Sequence, delivered.Sequence);
        Assert.Equal(RoomEventTypes.ShotAdded, delivered.Type);
    }

    [Fact]
    public async Task WriteAsync_SameKeyFromTwoPeople_StoresBothChanges()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        var first = await AddShotAsync(project.Id, "SH010", "shared-key", Guid.NewGuid());
        var second = await AddShotAsync(project.Id, "SH020", "shared-key", Guid.NewGuid());

        Assert.NotEqual(first.Sequence, second.Sequence);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Shots.CountAsync(s => s.ProjectId == project.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task WriteAsync_EmptyKey_IsNoKey(string key)
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);
        var person = Guid.NewGuid();

        await AddShotAsync(project.Id, "SH010", key, person);
        await AddShotAsync(project.Id, "SH020", key, person);

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Shots.CountAsync(s => s.ProjectId == project.Id));
    }

    [Fact]
    public async Task WriteAsync_OverlongKey_IsRefusedWithAReason()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);

        var refused = await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() => AddShotAsync(project.Id, "SH010", new string('k', 65)));

        Assert.Contains("at most 64 characters", refused.Message);
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentWriters_SubscribersSeeEveryEventInSequenceOrder()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);
        var received = new List<long>();
        // A subscriber that takes a moment (as a busy connection does) must still get them in order.
        using var _ = _app.Services.GetRequiredService<IRoomEventBus>().Subscribe(project.Id, async e =>
        {
            lock (received)
                received.Add(e.Sequence);
            await Task.Yield();
        });

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => AddShotAsync(project.Id, $"SH{i:000}"))));

        Assert.Equal(Enumerable.Range(2, 300).Select(i => (long)i), received);
    }

    [Fact]
    public async Task WriteAsync_AChangeThatTakesItsTime_HoldsUpItsOwnProject_AndOnPostgreSqlNoOtherProject()
    {
        var slow = new Project("Slow film", "", DateTime.UtcNow);
        var other = new Project("Other film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(slow, null);
        await Writer.CreateProjectAsync(other, null);
        var (held, release) = await HoldATurnAsync(slow.Id, "SH010");
        var sameProject = AddShotAsync(slow.Id, "SH020");
        var otherProject = AddShotAsync(other.Id, "SH010");

        if (TestDatabase.Provider == DatabaseProviders.PostgreSql)
        {
            // Another project's note does not queue behind this one's.
            var written = await otherProject.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, written.Sequence);
            Assert.False(sameProject.IsCompleted);
        }
        release.SetResult();

        var first = await held.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await sameProject.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((2L, 3L), (first.Sequence, second.Sequence));
        Assert.Equal(2, (await otherProject.WaitAsync(TimeSpan.FromSeconds(30))).Sequence);
    }

    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteFileOnly)]
    public async Task ChangesQueuedDuringATurn_AreWrittenInOneCommit_EachAnsweredAfterIt_AndAFailingOneAlone()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        await Writer.CreateProjectAsync(project, null);
        var earlier = await AddShotAsync(project.Id, "SH005", "client-retry");
        var (held, release) = await HoldATurnAsync(project.Id, "SH010");

        // Queued while the turn is held: two good changes, one the domain refuses, and a retry of an earlier change.
        var first = AddShotAsync(project.Id, "SH020");
        var refused = AddShotAsync(project.Id, "   ");
        var retried = AddShotAsync(project.Id, "SH099", "client-retry");
        var seenFromTheBatch = new TaskCompletionSource<(bool FirstAnswered, bool VisibleHere, bool VisibleOutside)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = Writer.WriteAsync(project.Id, null, null, async (db, p, ct) =>
        {
            var contexts = _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>();
            await using var outside = await contexts.CreateDbContextAsync(ct);
            seenFromTheBatch.SetResult((first.IsCompleted,
                await db.Shots.AnyAsync(s => s.ProjectId == project.Id && s.Code == "SH020", ct),
                await outside.Shots.AnyAsync(s => s.ProjectId == project.Id && s.Code == "SH020", ct)));
            await db.Entry(p).Collection(x => x.Shots).LoadAsync(ct);
            var shot = p.AddShot("SH030", "", "");
            return new RoomEventDraft(new ShotAdded(shot.Id, shot.Code, shot.Order));
        });
        await WaitUntilAsync(() => Writer.Queued == 4);
        release.SetResult();

        Assert.Equal(earlier.Sequence + 1, (await held.WaitAsync(TimeSpan.FromSeconds(30))).Sequence);
        // The last change ran in the same transaction as the first: it sees the first's shot, nobody else does yet, and
        // the first's author has not been answered before the commit that holds it.
        Assert.Equal((false, true, false), await seenFromTheBatch.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(earlier.Sequence + 2, (await first.WaitAsync(TimeSpan.FromSeconds(30))).Sequence);
        await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() => refused.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(earlier.Sequence, (await retried.WaitAsync(TimeSpan.FromSeconds(30))).Sequence);
        Assert.Equal(earlier.Sequence + 3, (await last.WaitAsync(TimeSpan.FromSeconds(30))).Sequence);
        await using var check = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(["SH005", "SH010", "SH020", "SH030"], await check.Shots.Where(s => s.ProjectId == project.Id).OrderBy(s => s.Code).Select(s => s.Code).ToListAsync());
        Assert.Equal(earlier.Sequence + 3, (await check.Projects.SingleAsync(p => p.Id == project.Id)).LastEventSequence);
    }

    /// <summary>A change that holds its turn (adding a shot) until the returned source is set.</summary>
    private async Task<(Task<RoomEvent> Held, TaskCompletionSource Release)> HoldATurnAsync(Guid projectId, string shotCode)
    {
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Writer.WriteAsync(projectId, null, null, async (db, project, ct) =>
        {
            inside.SetResult();
            await release.Task;
            await db.Entry(project).Collection(p => p.Shots).LoadAsync(ct);
            var shot = project.AddShot(shotCode, "", "");
            return new RoomEventDraft(new ShotAdded(shot.Id, shot.Code, shot.Order));
        });
        await inside.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (held, release);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }
}
