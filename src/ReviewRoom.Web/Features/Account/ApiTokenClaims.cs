using System.Security.Claims;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Account;

/// <summary>The claims a project API token signs a request in with.</summary>
public static class ApiTokenClaims
{
    public const string Scheme = "ApiToken";
    public const string TokenId = "reviewroom:token";
    public const string ProjectId = "reviewroom:project";
    public const string Scope = "reviewroom:scope";

    public static Actor.Pipeline? Read(ClaimsPrincipal caller)
    {
        var identity = caller.Identities.FirstOrDefault(i => i.AuthenticationType == Scheme);
        if (identity is null
            || !Guid.TryParse(identity.FindFirst(TokenId)?.Value, out var tokenId)
            || !Guid.TryParse(identity.FindFirst(ProjectId)?.Value, out var projectId)
            || !Enum.TryParse<ApiTokenScope>(identity.FindFirst(Scope)?.Value, out var scope))
            return null;
        return new Actor.Pipeline(tokenId, projectId, identity.Name ?? "token", scope);
    }
}
