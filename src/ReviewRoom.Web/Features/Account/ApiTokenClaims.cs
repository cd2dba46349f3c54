using System.Security.Claims;
using ReviewRoom.Core.Integrations;

namespace ReviewRoom.Web.Features.Account;

/// <summary>The claims a project API token signs a request in with.</summary>
public static class ApiTokenClaims
{
    public const string Scheme = "ApiToken";
    public const string TokenId = "reviewroom:token";
    public const string ProjectId = "reviewroom:project";
    public const string Scope = "reviewroom:scope";

    public sealed record TokenCaller(Guid TokenId, Guid ProjectId, ApiTokenScope Scope, string Name)
    {
        /// <summary>Whether the token may change its project (add shots, bring takes), not only read it.</summary>
        public bool MayChange => Scope == ApiTokenScope.ReadIngest;
    }

    public static TokenCaller? Read(ClaimsPrincipal caller)
    {
        var identity = caller.Identities.FirstOrDefault(i => i.AuthenticationType == Scheme);
        if (identity is null
            || !Guid.TryParse(identity.FindFirst(TokenId)?.Value, out var tokenId)
            || !Guid.TryParse(identity.FindFirst(ProjectId)?.Value, out var projectId)
            || !Enum.TryParse<ApiTokenScope>(identity.FindFirst(Scope)?.Value, out var scope))
            return null;
        return new TokenCaller(tokenId, projectId, scope, identity.Name ?? "token");
    }
}
