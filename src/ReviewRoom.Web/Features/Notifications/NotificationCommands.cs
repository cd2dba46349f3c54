using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core;
using ReviewRoom.Core.Notifications;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.Web.Features.Notifications;

/// <summary>A person's own inbox: marking read and choosing what they are told. Nobody touches another's.</summary>
public sealed class NotificationCommands(RoomWriter writer, NotificationFeed feed, TimeProvider clock)
{
    public async Task MarkReadAsync(Actor actor, long notificationId)
    {
        var userId = Require(actor);
        await writer.WriteQuietlyAsync(async (db, ct) =>
            (await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, ct))?.MarkRead(clock.GetUtcNow().UtcDateTime));
        await feed.PublishAsync([userId]);
    }

    public async Task MarkAllReadAsync(Actor actor)
    {
        var userId = Require(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            foreach (var unread in await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ToListAsync(ct))
                unread.MarkRead(now);
        });
        await feed.PublishAsync([userId]);
    }

    public Task SetWantedAsync(Actor actor, NotificationKind kind, bool wanted)
    {
        var userId = Require(actor);
        if (!Enum.IsDefined(kind))
            throw new DomainException("That is not a kind of notification.");
        return writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var muted = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind, ct);
            if (wanted && muted is not null)
                db.NotificationPreferences.Remove(muted);
            else if (!wanted && muted is null)
                db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind });
        });
    }

    public Task SetEmailDigestAsync(Actor actor, EmailDigest digest)
    {
        var userId = Require(actor);
        if (!Enum.IsDefined(digest))
            throw new DomainException("Choose how often from the list.");
        return writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var person = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new DomainException("Sign in to see your notifications.");
            person.EmailDigest = digest;
        });
    }

    private static Guid Require(Actor actor) => actor.UserId ?? throw new DomainException("Sign in to see your notifications.");
}
