using System.Security.Claims;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Ingest;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Api;

/// <summary>What a caller of the pipeline API may do in one project.</summary>
public sealed record ApiPermission(bool CanIngest, bool CanManageShots, ProjectCaller Actor);

/// <summary>
/// One answer for every API endpoint, whether the caller is a signed-in person (their project role)
/// or a pipeline (its token's project and scope). Decided on the server; nothing the client says counts.
/// </summary>
public sealed class ApiAccess(ProjectAccess projects)
{
    /// <summary>Null when the caller may not even see the project.</summary>
    public async Task<ApiPermission?> GetAsync(ClaimsPrincipal caller, Guid projectId, CancellationToken cancellationToken = default)
    {
        if (ApiTokenClaims.Read(caller) is { } token)
        {
            if (token.ProjectId != projectId)
                return null;
            return new ApiPermission(token.MayChange, token.MayChange, new ProjectCaller(null, token.Name));
        }
        if (await projects.GetRoleAsync(caller, projectId, cancellationToken) is not { } role)
            return null;
        return new ApiPermission(ProjectRolePolicy.CanUploadTakes(role), ProjectRolePolicy.CanManageShots(role), new ProjectCaller(caller.GetUserId(), null));
    }
}
