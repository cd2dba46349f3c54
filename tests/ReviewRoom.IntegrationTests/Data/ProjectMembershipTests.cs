using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Data;

/// <summary>
/// The members every command asks about are kept in memory; these tests take one away behind the cache's back, as a
/// change on another node whose event never arrived would, and see when the cache lets go of it.
/// </summary>
public sealed class ProjectMembershipTests : IDisposable
{
    private readonly ReviewRoomAppFactory _app = new();
    private readonly InMemoryRoomEventBus _bus = new((_, _) => { });
    private readonly ManualClock _clock = new();
    private readonly ProjectMembership _membership;

    public ProjectMembershipTests()
    {
        _app.CreateClient().Dispose();
        _membership = new ProjectMembership(Contexts, _bus, _clock);
    }

    public void Dispose()
    {
        _membership.Dispose();
        _app.Dispose();
    }

    private IDbContextFactory<ReviewRoomDbContext> Contexts => _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>();

    [Fact]
    public async Task ARemovalWhoseEventWasMissed_IsHonouredOnceTheListAgesOut()
    {
        var writer = await RemoveWriterBehindTheCachesBackAsync();

        Assert.Equal(ProjectRole.Writer, await _membership.GetRoleAsync(DemoProject.Id, writer));
        _clock.Advance(ProjectMembership.MaxAge);
        Assert.Null(await _membership.GetRoleAsync(DemoProject.Id, writer));
        Assert.DoesNotContain(await _membership.GetMembersAsync(DemoProject.Id), m => m.UserId == writer);
    }

    [Fact]
    public async Task AMembershipEvent_DropsTheProjectsList_AtOnce_AndOtherEventsDoNot()
    {
        var writer = await RemoveWriterBehindTheCachesBackAsync();

        await _bus.PublishAsync(Event(RoomEventTypes.NoteAdded));
        Assert.Equal(ProjectRole.Writer, await _membership.GetRoleAsync(DemoProject.Id, writer));
        await _bus.PublishAsync(Event(RoomEventTypes.MemberRemoved));
        Assert.Null(await _membership.GetRoleAsync(DemoProject.Id, writer));
    }

    /// <summary>Reads the demo project's members into the cache, then deletes the writer's membership straight from the database.</summary>
    private async Task<Guid> RemoveWriterBehindTheCachesBackAsync()
    {
        var members = await _membership.GetMembersAsync(DemoProject.Id);
        var writer = members.First(m => m.Role == ProjectRole.Writer).UserId;
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.ProjectMembers.Where(m => m.ProjectId == DemoProject.Id && m.UserId == writer).ExecuteDeleteAsync());
        return writer;
    }

    private static RoomEvent Event(string type) => new(DemoProject.Id, long.MaxValue, type, "{}", null, null, DateTime.UtcNow);
}
