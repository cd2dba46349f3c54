using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Members;

/// <summary>Finding and withdrawing invitation and review links, one way for both.</summary>
internal static class SecretLinks
{
    /// <summary>The link a secret opens, or null: a string that cannot be one of ours never reaches the database.</summary>
    public static async Task<T?> FindAsync<T>(IQueryable<T> links, string? secret, string prefix, CancellationToken cancellationToken) where T : class, ISecretLink
    {
        if (!Secrets.LooksLike(secret, prefix))
            return null;
        var hash = Secrets.HashOf(secret!);
        return await links.SingleOrDefaultAsync(l => l.Hash == hash, cancellationToken);
    }

    /// <summary>Withdraws a project's link as a room event; <paramref name="revoked"/> says what the event carries.</summary>
    public static Task WithdrawAsync<T>(RoomWriter writer, Guid projectId, Guid actor, Guid linkId, DateTime nowUtc, string missing, Func<T, RoomEventDraft> revoked)
        where T : class, ISecretLink =>
        writer.WriteAsync(projectId, actor, null, async (db, _, ct) =>
        {
            var link = await db.Set<T>().SingleOrDefaultAsync(l => l.Id == linkId && l.ProjectId == projectId, ct)
                ?? throw DomainException.NotFound(missing);
            link.Revoke(nowUtc);
            return revoked(link);
        });
}
