using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Integrations;

namespace ReviewRoom.Data.Queries;

public sealed record ApiTokenView(Guid Id, string Name, ApiTokenScope Scope, string Hint, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed class IntegrationQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    public async Task<IReadOnlyList<ApiTokenView>> GetTokensAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await (from token in db.ApiTokens.AsNoTracking()
                            join user in db.Users on token.CreatedByUserId equals user.Id
                            where token.ProjectId == projectId
                            select new ApiTokenView(token.Id, token.Name, token.Scope, token.Hint, user.DisplayName, token.CreatedAt, token.LastUsedAt, token.RevokedAt))
            .ToListAsync(cancellationToken);
        return tokens.OrderBy(t => t.RevokedAt is not null).ThenByDescending(t => t.CreatedAt).ToList();
    }
}
