using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.TestHost;

public static class DemoMembers
{
    /// <summary>The demo project's first member with <paramref name="role"/>, as commands see a caller (for tests that act without a page).</summary>
    public static async Task<Actor> DemoMemberAsync(this ReviewRoomAppFactory app, ProjectRole role)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var userId = await db.ProjectMembers.Where(m => m.ProjectId == DemoProject.Id && m.Role == role).Select(m => m.UserId).FirstAsync();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test")).ToActor();
    }
}
