using System.Security.Claims;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.Web.Features.Projects;

/// <summary>
/// Who may see a project, decided on the server from the signed-in account: members with their role,
/// site administrators as viewers of every project. Everyone else gets nothing, not even whether it exists.
/// </summary>
public sealed class ProjectAccess(ProjectQueries queries)
{
    public async Task<ProjectRole?> GetRoleAsync(ClaimsPrincipal user, Guid projectId, CancellationToken cancellationToken = default)
    {
        if (user.GetUserId() is not { } userId)
            return null;
        var role = await queries.GetRoleAsync(projectId, userId, cancellationToken);
        return role ?? (user.IsAdmin() ? ProjectRole.Viewer : null);
    }

    public async Task<ProjectRole?> GetRoleForTakeAsync(ClaimsPrincipal user, Guid takeId, CancellationToken cancellationToken = default) =>
        await queries.GetProjectIdOfTakeAsync(takeId, cancellationToken) is { } projectId
            ? await GetRoleAsync(user, projectId, cancellationToken)
            : null;
}
