using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Api;

/// <summary>What a caller of the pipeline API may do in one project.</summary>
public sealed record ApiPermission(bool CanIngest, bool CanManageShots);

/// <summary>
/// One answer for every API endpoint, whether the caller is a signed-in person (their project role)
/// or a pipeline (its token's project and scope). Decided on the server; nothing the client says counts.
/// </summary>
public sealed class ApiAccess(ProjectAccess projects)
{
    /// <summary>Null when the caller may not even see the project.</summary>
    public async Task<ApiPermission?> GetAsync(Actor actor, Guid projectId, CancellationToken cancellationToken = default)
    {
        if (actor is Actor.Pipeline token)
            return token.ProjectId == projectId ? new ApiPermission(token.MayChange, token.MayChange) : null;
        if (await projects.GetRoleAsync(actor, projectId, cancellationToken) is not { } role)
            return null;
        return new ApiPermission(ProjectRolePolicy.CanUploadTakes(role), ProjectRolePolicy.CanManageShots(role));
    }
}
