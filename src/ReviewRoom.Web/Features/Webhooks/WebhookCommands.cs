using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Webhooks;

/// <summary>A project's webhooks: added, paused and removed by its director or producer; deliveries sent again on request.</summary>
/// <remarks>Receiver URLs and secrets never go into room events: every member receives those, and only managers may see where events go.</remarks>
public sealed class WebhookCommands(RoomWriter writer, ProjectAccess access, WebhookSignal signal, WebhookDestinations destinations, TimeProvider clock)
{
    public async Task<Webhook> AddAsync(Actor actor, Guid projectId, string url, string secret, IEnumerable<string> eventTypes)
    {
        var userId = await RequireManagerAsync(actor, projectId);
        var checkedHook = new Webhook(projectId, url, secret, eventTypes, userId, clock.GetUtcNow().UtcDateTime);
        await destinations.CheckReceiverAsync(new Uri(checkedHook.Url), CancellationToken.None);
        await writer.WriteAsync(projectId, userId, null, (db, _, _) =>
        {
            db.Webhooks.Add(checkedHook);
            return Task.FromResult(new RoomEventDraft(new WebhookAdded(checkedHook.Id, checkedHook.Events)));
        });
        return checkedHook;
    }

    public async Task SetActiveAsync(Actor actor, Guid projectId, Guid webhookId, bool active)
    {
        var userId = await RequireManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, userId, null, async (db, _, ct) =>
        {
            var hook = await FindAsync(db, projectId, webhookId, ct);
            hook.SetActive(active);
            return new RoomEventDraft(new WebhookChanged(webhookId, active));
        });
    }

    public async Task RemoveAsync(Actor actor, Guid projectId, Guid webhookId)
    {
        var userId = await RequireManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, userId, null, async (db, _, ct) =>
        {
            var hook = await FindAsync(db, projectId, webhookId, ct);
            db.Webhooks.Remove(hook);
            return new RoomEventDraft(new WebhookRemoved(webhookId));
        });
    }

    /// <summary>Sends a delivery's exact body again, as a new entry in the log.</summary>
    public async Task RedeliverAsync(Actor actor, Guid projectId, Guid deliveryId)
    {
        await RequireManagerAsync(actor, projectId);
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.ProjectId == projectId, ct)
                ?? throw DomainException.NotFound("That delivery no longer exists.");
            db.WebhookDeliveries.Add(delivery.Redeliver(clock.GetUtcNow().UtcDateTime));
        });
        signal.Wake();
    }

    private static async Task<Webhook> FindAsync(Data.ReviewRoomDbContext db, Guid projectId, Guid webhookId, CancellationToken ct) =>
        await db.Webhooks.SingleOrDefaultAsync(w => w.Id == webhookId && w.ProjectId == projectId, ct)
            ?? throw DomainException.NotFound("That webhook no longer exists.");

    private Task<Guid> RequireManagerAsync(Actor actor, Guid projectId) =>
        access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageIntegrations, "Only the project's director or producer can manage webhooks.", administratorsMay: false);
}
