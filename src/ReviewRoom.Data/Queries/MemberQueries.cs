using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Queries;

public sealed record MemberDetail(Guid UserId, string DisplayName, string Email, ProjectRole Role, DateTime JoinedAt);

public sealed record InvitationUseView(Guid UserId, string DisplayName, DateTime UsedAt);

public sealed record InvitationView(
    Guid Id, ProjectRole Role, string Note, string Hint, bool SingleUse, string CreatedBy,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, IReadOnlyList<InvitationUseView> Uses)
{
    public bool IsOpen(DateTime nowUtc) => RevokedAt is null && nowUtc < ExpiresAt && !(SingleUse && Uses.Count > 0);
}

/// <summary>What the members page shows: the people in a project and the invitations that bring more in.</summary>
public sealed class MemberQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    public async Task<IReadOnlyList<MemberDetail>> GetMembersAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await (from member in db.ProjectMembers
                             join user in db.Users on member.UserId equals user.Id
                             where member.ProjectId == projectId
                             select new MemberDetail(user.Id, user.DisplayName, user.Email ?? "", member.Role, member.JoinedAt))
            .ToListAsync(cancellationToken);
        return members.OrderBy(m => m.Role != ProjectRole.Director && m.Role != ProjectRole.Producer)
            .ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<IReadOnlyList<InvitationView>> GetInvitationsAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var invitations = await db.Invitations.AsNoTracking().Include(i => i.Uses)
            .Where(i => i.ProjectId == projectId)
            .ToListAsync(cancellationToken);
        var ids = invitations.SelectMany(i => i.Uses.Select(u => u.UserId)).Append(Guid.Empty)
            .Concat(invitations.Select(i => i.CreatedByUserId)).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return invitations.OrderByDescending(i => i.CreatedAt)
            .Select(i => new InvitationView(i.Id, i.Role, i.Note, i.Hint, i.SingleUse, names.GetValueOrDefault(i.CreatedByUserId, "Someone"),
                i.CreatedAt, i.ExpiresAt, i.RevokedAt,
                i.Uses.OrderBy(u => u.UsedAt).Select(u => new InvitationUseView(u.UserId, names.GetValueOrDefault(u.UserId, "Someone"), u.UsedAt)).ToList()))
            .ToList();
    }
}
