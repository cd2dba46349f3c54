using System.Security.Claims;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.Web.Features.Projects;

/// <summary>Who makes a change in a project: a signed-in person, or a pipeline holding the project's API token.</summary>
public sealed record ProjectCaller(Guid? UserId, string? TokenName)
{
    /// <summary>Whose budget an upload draws from: the person, or the token within its project.</summary>
    public string RateLimitKey(Guid projectId) => UserId is { } user ? $"user:{user:N}" : $"token:{projectId:N}:{TokenName}";
}

/// <summary>
/// Who may see a project, decided on the server from the signed-in account: members with their role,
/// site administrators as viewers of every project, and guests on a review link the takes it covers (never
/// the project as a whole). Everyone else gets nothing, not even whether it exists.
/// </summary>
public sealed class ProjectAccess(ProjectQueries queries, ReviewLinkQueries reviewLinks, Security.RateLimits limits)
{
    public async Task<ProjectRole?> GetRoleAsync(ClaimsPrincipal user, Guid projectId, CancellationToken cancellationToken = default)
    {
        if (user.GetUserId() is not { } userId)
            return null;
        var role = await queries.GetRoleAsync(projectId, userId, cancellationToken);
        return role ?? (user.IsAdmin() ? ProjectRole.Viewer : null);
    }

    /// <summary>
    /// The caller's id and role in a project, for commands: refuses anonymous callers and non-members
    /// with a message that does not reveal whether the thing exists, and anyone over their budget of changes.
    /// </summary>
    public async Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> RequireMemberAsync(ClaimsPrincipal user, Guid? projectId, string thing, CancellationToken cancellationToken = default)
    {
        if (user.GetUserId() is not { } userId)
            throw new ReviewRoom.Core.DomainException("Sign in to take part in the review.");
        if (projectId is null || await GetRoleAsync(user, projectId.Value, cancellationToken) is not { } role)
            throw ReviewRoom.Core.DomainException.NotFound($"That {thing} does not exist, or you are not a member of its project.");
        limits.RequireCommand($"user:{userId:N}");
        return (userId, projectId.Value, role);
    }

    /// <summary>
    /// The caller's id, when their role in the project passes <paramref name="may"/> (site administrators
    /// pass too unless <paramref name="administratorsMay"/> is false); otherwise <paramref name="refusal"/>.
    /// </summary>
    public async Task<Guid> RequireRoleAsync(ClaimsPrincipal user, Guid projectId, Func<ProjectRole, bool> may, string refusal, bool administratorsMay = true)
    {
        var (userId, _, role) = await RequireMemberAsync(user, projectId, "project");
        if (!may(role) && !(administratorsMay && user.IsAdmin()))
            throw ReviewRoom.Core.DomainException.Forbidden(refusal);
        return userId;
    }

    /// <summary>
    /// Who may make a change that a person needs a role for (<paramref name="personMay"/>) and a pipeline needs its
    /// token's 'read + ingest' scope for: the rule commands the pipeline API reaches check inside. Refused as not found
    /// for a project the caller cannot see, as forbidden when they see it but may not <paramref name="what"/>.
    /// </summary>
    public async Task<ProjectCaller> RequireChangeAsync(ClaimsPrincipal caller, Guid projectId, Func<ProjectRole, bool> personMay, string what,
        bool administratorsMay = false, CancellationToken cancellationToken = default)
    {
        if (ApiTokenClaims.Read(caller) is { } token)
        {
            if (token.ProjectId != projectId)
                throw ReviewRoom.Core.DomainException.NotFound("That project does not exist, or this token has no access to it.");
            if (!token.MayChange)
                throw ReviewRoom.Core.DomainException.Forbidden($"This API token may only read. To {what}, create a token with the 'read + ingest' scope.");
            return new ProjectCaller(null, token.Name);
        }
        var (userId, _, role) = await RequireMemberAsync(caller, projectId, "project", cancellationToken);
        if (!personMay(role) && !(administratorsMay && caller.IsAdmin()))
            throw ReviewRoom.Core.DomainException.Forbidden($"Your role in this project cannot {what}.");
        return new ProjectCaller(userId, null);
    }

    /// <summary>The caller's role on one take: a member's role, or a guest's while their link is usable and covers it.</summary>
    public async Task<ProjectRole?> GetRoleForTakeAsync(ClaimsPrincipal user, Guid takeId, CancellationToken cancellationToken = default)
    {
        if (user.GetGuestLinkId() is { } linkId)
            return await reviewLinks.GetGuestRoleForTakeAsync(linkId, takeId, cancellationToken);
        return await queries.GetProjectIdOfTakeAsync(takeId, cancellationToken) is { } projectId
            ? await GetRoleAsync(user, projectId, cancellationToken)
            : null;
    }

    /// <summary>
    /// The caller's id, project and role for a command on one take, guests included; refused like
    /// <see cref="RequireMemberAsync"/>. A link's guests also share one budget of changes, so a forwarded
    /// link cannot be used to flood the room.
    /// </summary>
    public async Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> RequireTakeAsync(ClaimsPrincipal user, Guid? takeId, string thing, CancellationToken cancellationToken = default)
    {
        if (user.GetGuestLinkId() is not { } linkId)
            return await RequireMemberAsync(user, takeId is { } id ? await queries.GetProjectIdOfTakeAsync(id, cancellationToken) : null, thing, cancellationToken);
        if (user.GetUserId() is not { } userId)
            throw new ReviewRoom.Core.DomainException("Sign in to take part in the review.");
        if (takeId is null || await reviewLinks.GetGuestRoleForTakeAsync(linkId, takeId.Value, cancellationToken) is not { } role
            || await queries.GetProjectIdOfTakeAsync(takeId.Value, cancellationToken) is not { } projectId)
            throw ReviewRoom.Core.DomainException.NotFound($"That {thing} is not part of this review link, or the link has ended.");
        limits.RequireCommand($"user:{userId:N}");
        limits.RequireGuestChange(linkId);
        return (userId, projectId, role);
    }
}
