using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Api;

/// <summary>Making and revoking a project's API tokens: directors and producers only, each change in the activity log.</summary>
public sealed class ApiTokenCommands(RoomWriter writer, ProjectAccess access, TimeProvider clock)
{
    /// <summary>Returns the secret, which is shown once and kept nowhere.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(Actor actor, Guid projectId, string name, ApiTokenScope scope)
    {
        var userId = await RequireManagerAsync(actor, projectId);
        return await CreateForAsync(projectId, userId, userId, name, scope);
    }

    /// <summary>
    /// Makes a token on behalf of <paramref name="ownerUserId"/>; callers authorise. The server's command line
    /// acts with no actor (the activity says ReviewRoom made it).
    /// </summary>
    public async Task<(ApiToken Token, string Secret)> CreateForAsync(Guid projectId, Guid ownerUserId, Guid? actorUserId, string name, ApiTokenScope scope)
    {
        if (!Enum.IsDefined(scope))
            throw new DomainException("A token's scope is read or read + ingest.");
        (ApiToken Token, string Secret) created = default;
        await writer.WriteAsync(projectId, actorUserId, null, (db, _, _) =>
        {
            created = ApiToken.Create(projectId, name, scope, ownerUserId, clock.GetUtcNow().UtcDateTime);
            db.ApiTokens.Add(created.Token);
            return Task.FromResult(new RoomEventDraft(new ApiTokenCreated(created.Token.Id, created.Token.Name, created.Token.Scope)));
        });
        return created;
    }

    public async Task RevokeAsync(Actor actor, Guid projectId, Guid tokenId)
    {
        var userId = await RequireManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, userId, null, async (db, _, ct) =>
        {
            var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.ProjectId == projectId, ct)
                ?? throw DomainException.NotFound("That token does not exist.");
            token.Revoke(clock.GetUtcNow().UtcDateTime);
            return new RoomEventDraft(new ApiTokenRevoked(tokenId, token.Name));
        });
    }

    // Administrators see every project but do not act for its pipelines: tokens stay with the people who run it.
    private Task<Guid> RequireManagerAsync(Actor actor, Guid projectId) =>
        access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageIntegrations, "Only the project's director or producer can manage API tokens.", administratorsMay: false);
}
