using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;

namespace ReviewRoom.Web.Features.Projects;

/// <summary>
/// Who may see and change a project, decided on the server from the <see cref="Actor"/> the edge resolved:
/// members with their role, site administrators as viewers of every project, guests on a review link the takes
/// it covers (never the project as a whole), and a pipeline token its own project within its scope. Everyone
/// else gets nothing, not even whether it exists.
/// </summary>
public sealed class ProjectAccess(ProjectQueries queries, ReviewLinkQueries reviewLinks, NoteQueries notes, Security.RateLimits limits)
{
    /// <summary>A person's role in the project (site administrators view every project); null for everyone else.</summary>
    public async Task<ProjectRole?> GetRoleAsync(Actor actor, Guid projectId, CancellationToken cancellationToken = default)
    {
        if (actor is not Actor.Person person)
            return null;
        var role = await queries.GetRoleAsync(projectId, person.Id, cancellationToken);
        return role ?? (person.Administrator ? ProjectRole.Viewer : null);
    }

    /// <summary>
    /// The caller's id and role in a project, for commands: refuses anonymous callers and non-members
    /// with a message that does not reveal whether the thing exists, and anyone over their budget of changes.
    /// </summary>
    public async Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> RequireMemberAsync(Actor actor, Guid? projectId, string thing, CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } userId)
            throw new DomainException("Sign in to take part in the review.");
        // The budget (a Redis round trip on a cluster) is counted while the role is read rather than after it: one wait
        // on every change instead of two. A refused non-member spends only their own budget.
        var budget = limits.RequireCommandAsync($"user:{userId:N}");
        ProjectRole? role = null;
        try
        {
            if (projectId is { } id)
                role = await GetRoleAsync(actor, id, cancellationToken);
        }
        finally
        {
            if (role is null)
                await budget.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (role is null)
            throw DomainException.NotFound($"That {thing} does not exist, or you are not a member of its project.");
        await budget;
        return (userId, projectId!.Value, role.Value);
    }

    /// <summary>
    /// The caller's id, when their role in the project passes <paramref name="may"/> (site administrators
    /// pass too unless <paramref name="administratorsMay"/> is false); otherwise <paramref name="refusal"/>.
    /// </summary>
    public async Task<Guid> RequireRoleAsync(Actor actor, Guid projectId, Func<ProjectRole, bool> may, string refusal, bool administratorsMay = true)
    {
        var (userId, _, role) = await RequireMemberAsync(actor, projectId, "project");
        if (!may(role) && !(administratorsMay && actor.IsAdministrator))
            throw DomainException.Forbidden(refusal);
        return userId;
    }

    /// <summary>
    /// Who may make a change that a person needs a role for (<paramref name="personMay"/>) and a pipeline needs its
    /// token's 'read + ingest' scope for: the rule commands the pipeline API reaches check inside. Refused as not found
    /// for a project the caller cannot see, as forbidden when they see it but may not <paramref name="what"/>.
    /// </summary>
    public async Task RequireChangeAsync(Actor actor, Guid projectId, Func<ProjectRole, bool> personMay, string what,
        bool administratorsMay = false, CancellationToken cancellationToken = default)
    {
        if (actor is Actor.Pipeline token)
        {
            if (token.ProjectId != projectId)
                throw DomainException.NotFound("That project does not exist, or this token has no access to it.");
            if (!token.MayChange)
                throw DomainException.Forbidden($"This API token may only read. To {what}, create a token with the 'read + ingest' scope.");
            return;
        }
        var (_, _, role) = await RequireMemberAsync(actor, projectId, "project", cancellationToken);
        if (!personMay(role) && !(administratorsMay && actor.IsAdministrator))
            throw DomainException.Forbidden($"Your role in this project cannot {what}.");
    }

    /// <summary>Whose budget an upload draws from: the person, or the token within its project.</summary>
    public static string BudgetKey(Actor actor, Guid projectId) =>
        actor is Actor.Pipeline token ? $"token:{projectId:N}:{token.TokenName}" : $"user:{actor.UserId:N}";

    /// <summary>The caller's role on one take: a member's role, or a guest's while their link is usable and covers it.</summary>
    public async Task<ProjectRole?> GetRoleForTakeAsync(Actor actor, Guid takeId, CancellationToken cancellationToken = default)
    {
        if (actor is Actor.Guest guest)
            return await reviewLinks.GetGuestRoleForTakeAsync(guest.LinkId, takeId, cancellationToken);
        return await queries.GetProjectIdOfTakeAsync(takeId, cancellationToken) is { } projectId
            ? await GetRoleAsync(actor, projectId, cancellationToken)
            : null;
    }

    /// <summary>
    /// <see cref="RequireTakeAsync"/> with the project's members, which every note and decision needs (authors' names,
    /// mentions). They are read alongside the check, so a command on a take waits for one round trip before its write
    /// rather than one after another; nothing read is returned to a caller the check refuses.
    /// </summary>
    public async Task<(Guid UserId, Guid ProjectId, ProjectRole Role, IReadOnlyList<MemberView> Members)> RequireTakeWithMembersAsync(Actor actor, Guid? takeId,
        string thing, CancellationToken cancellationToken = default)
    {
        var projectId = takeId is { } id ? await queries.GetProjectIdOfTakeAsync(id, cancellationToken) : null;
        var members = projectId is { } known ? notes.GetMembersAsync(known, cancellationToken) : Task.FromResult<IReadOnlyList<MemberView>>([]);
        try
        {
            var (userId, project, role) = await RequireTakeAsync(actor, takeId, thing, cancellationToken);
            return (userId, project, role, await members);
        }
        finally
        {
            await ((Task)members).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// The caller's id, project and role for a command on one take, guests included; refused like
    /// <see cref="RequireMemberAsync"/>. A link's guests also share one budget of changes, so a forwarded
    /// link cannot be used to flood the room.
    /// </summary>
    public async Task<(Guid UserId, Guid ProjectId, ProjectRole Role)> RequireTakeAsync(Actor actor, Guid? takeId, string thing, CancellationToken cancellationToken = default)
    {
        if (actor is not Actor.Guest guest)
            return await RequireMemberAsync(actor, takeId is { } id ? await queries.GetProjectIdOfTakeAsync(id, cancellationToken) : null, thing, cancellationToken);
        if (takeId is null || await reviewLinks.GetGuestRoleForTakeAsync(guest.LinkId, takeId.Value, cancellationToken) is not { } role
            || await queries.GetProjectIdOfTakeAsync(takeId.Value, cancellationToken) is not { } projectId)
            throw DomainException.NotFound($"That {thing} is not part of this review link, or the link has ended.");
        await limits.RequireCommandAsync($"user:{guest.Id:N}");
        await limits.RequireGuestChangeAsync(guest.LinkId);
        return (guest.Id, projectId, role);
    }
}
