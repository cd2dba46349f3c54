using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Notes.Services;

namespace ReviewRoom.IntegrationTests.Data;

/// <summary>
/// Two ReviewRoom nodes on one PostgreSQL database, as a studio runs them: each has its own process-local writer, so only
/// the database can keep a project's event sequence gapless and a retried change single.
/// </summary>
public sealed class SharedDatabaseTests : IDisposable
{
    private readonly string _folder = ReviewRoomAppFactory.NewDataFolder();
    private readonly ReviewRoomAppFactory _nodeA;
    private readonly ReviewRoomAppFactory _nodeB;

    public SharedDatabaseTests()
    {
        var shared = TestDatabase.SharedPostgreSqlFor(_folder);
        _nodeA = new ReviewRoomAppFactory(_folder, settings: shared);
        _nodeA.CreateClient().Dispose();
        _nodeB = new ReviewRoomAppFactory(_folder, settings: shared);
        _nodeB.CreateClient().Dispose();
    }

    public void Dispose()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        ReviewRoomAppFactory.DeleteFolder(_folder);
    }

    [Fact]
    public async Task NotesWrittenThroughTwoNodesAtOnce_TakeEverySequenceNumberOnce_InCommitOrder()
    {
        var (director, takeId) = await DirectorAndTakeAsync();
        var before = await LastSequenceAsync();

        const int perNode = 60;
        var writes = new[] { _nodeA, _nodeB }.SelectMany((node, n) => Enumerable.Range(0, perNode).Select(i =>
            node.Services.GetRequiredService<NoteCommands>().AddAsync(director, takeId, FrameRange.At(i), $"node {n} note {i}", null)));
        await Task.WhenAll(writes);

        await using var db = await _nodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var events = await db.RoomEvents.AsNoTracking().Where(e => e.ProjectId == DemoProject.Id && e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 2 * perNode).Select(i => before + i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(RoomEventTypes.NoteAdded, e.Type));
        Assert.Equal(2 * perNode, await db.Notes.CountAsync(n => n.TakeId == takeId && n.Body.StartsWith("node ")));
        // Commit order is sequence order: each event was stamped no earlier than the one before it.
        Assert.Equal(events.Select(e => e.OccurredAt).Order(), events.Select(e => e.OccurredAt));
    }

    [Fact]
    public async Task OneRetriedNote_SentToBothNodesAtOnce_IsStoredOnce()
    {
        var (director, takeId) = await DirectorAndTakeAsync();
        var key = $"retry-{Guid.NewGuid():N}";

        var both = await Task.WhenAll(new[] { _nodeA, _nodeB }.SelectMany(node => Enumerable.Range(0, 4).Select(_ =>
            node.Services.GetRequiredService<NoteCommands>().AddAsync(director, takeId, FrameRange.At(5), "said once", key))));

        Assert.Single(both.Select(n => n.Id).Distinct());
        await using var db = await _nodeB.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Notes.CountAsync(n => n.TakeId == takeId && n.Body == "said once"));
    }

    private async Task<(ReviewRoom.Core.Projects.Actor Director, Guid TakeId)> DirectorAndTakeAsync()
    {
        await using var db = await _nodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var directorId = await db.Users.Where(u => u.Email == DemoPeople.All[0].Email).Select(u => u.Id).SingleAsync();
        var takeId = await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh020_v001")).Select(t => t.Id).SingleAsync();
        return (new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, directorId.ToString())], "test")).ToActor(), takeId);
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = await _nodeA.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.RoomEvents.Where(e => e.ProjectId == DemoProject.Id).MaxAsync(e => e.Sequence);
    }
}
