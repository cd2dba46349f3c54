using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Integrations;

namespace ReviewRoom.Data.Queries;

public sealed record ApiTokenView(Guid Id, string Name, ApiTokenScope Scope, string Hint, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, bool IsActive, DateTime CreatedAt);

public sealed record WebhookDeliveryView(Guid Id, Guid WebhookId, string Url, string EventType, WebhookDeliveryState State, int Attempts, int? LastStatusCode,
    string? LastError, DateTime CreatedAt, DateTime? DeliveredAt, DateTime NextAttemptAt);

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

    public async Task<IReadOnlyList<WebhookView>> GetWebhooksAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var hooks = await db.Webhooks.AsNoTracking().Where(w => w.ProjectId == projectId).ToListAsync(cancellationToken);
        return hooks.OrderBy(w => w.CreatedAt).Select(w => new WebhookView(w.Id, w.Url, w.Events, w.IsActive, w.CreatedAt)).ToList();
    }

    /// <summary>The newest deliveries first: the log a person reads when a pipeline says it heard nothing.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryView>> GetDeliveriesAsync(Guid projectId, int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var deliveries = await (from delivery in db.WebhookDeliveries.AsNoTracking()
                                join hook in db.Webhooks on delivery.WebhookId equals hook.Id
                                where delivery.ProjectId == projectId
                                select new WebhookDeliveryView(delivery.Id, hook.Id, hook.Url, delivery.EventType, delivery.State, delivery.Attempts,
                                    delivery.LastStatusCode, delivery.LastError, delivery.CreatedAt, delivery.DeliveredAt, delivery.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return deliveries.OrderByDescending(d => d.CreatedAt).Take(count).ToList();
    }
}
