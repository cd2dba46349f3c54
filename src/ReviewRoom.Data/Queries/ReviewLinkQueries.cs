using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Queries;

/// <summary>A review link as its project's managers see it: what it covers, its terms, and who came in by it.</summary>
public sealed record ReviewLinkView(
    Guid Id,
    string Note,
    string Hint,
    GuestAccess Access,
    bool HasPassword,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    string CreatedBy,
    IReadOnlyList<string> Covers,
    IReadOnlyList<ReviewLinkGuestView> Guests)
{
    public bool IsActive(DateTime nowUtc) => RevokedAt is null && nowUtc < ExpiresAt;
}

public sealed record ReviewLinkGuestView(Guid UserId, string Name, DateTime JoinedAt, DateTime LastSeenAt, int Notes, int Decisions);

/// <summary>What a guest's link lets them see: the project by name, and the covered takes in board order.</summary>
public sealed record GuestReview(Guid LinkId, Guid ProjectId, string ProjectName, string Note, GuestAccess Access, DateTime ExpiresAt,
    string? WhyUnusable, IReadOnlyList<ShotCardModel> Shots)
{
    public IEnumerable<TakeCardModel> Takes => Shots.SelectMany(s => s.Takes);
}

public sealed class ReviewLinkQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>
    /// The role a guest acts with on a take: Guest (comment) or Viewer (view only) while the link is usable
    /// and covers the take; null otherwise, the same answer a missing take gets.
    /// </summary>
    public async Task<ProjectRole?> GetGuestRoleForTakeAsync(Guid linkId, Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ReviewLinks.AsNoTracking().Include(l => l.Items).SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null || link.WhyUnusable(clock.GetUtcNow().UtcDateTime) is not null)
            return null;
        var take = await (from t in db.Takes
                          join s in db.Shots on t.ShotId equals s.Id
                          where t.Id == takeId && s.ProjectId == link.ProjectId
                          select new { t.Id, t.ShotId }).SingleOrDefaultAsync(cancellationToken);
        return take is not null && link.Covers(take.Id, take.ShotId) ? link.GuestRole : null;
    }

    /// <summary>What the guest's link covers now: a shot shared whole brings the takes added since.</summary>
    public async Task<GuestReview?> GetGuestReviewAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ReviewLinks.AsNoTracking().Include(l => l.Items).SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
            return null;
        var projectName = await db.Projects.Where(p => p.Id == link.ProjectId).Select(p => p.Name).SingleAsync(cancellationToken);
        var shotIds = link.Items.Where(i => i.ShotId is not null).Select(i => i.ShotId!.Value).ToList();
        var takeIds = link.Items.Where(i => i.TakeId is not null).Select(i => i.TakeId!.Value).ToList();
        var shots = await db.Shots.AsNoTracking().Include(s => s.Takes)
            .Where(s => s.ProjectId == link.ProjectId && (shotIds.Contains(s.Id) || s.Takes.Any(t => takeIds.Contains(t.Id))))
            .OrderBy(s => s.Order).AsSplitQuery().ToListAsync(cancellationToken);
        var cards = shots.Select(ProjectQueries.ToShotCard)
            .Select(card => card with { Takes = card.Takes.Where(t => link.Covers(t.Id, card.Id)).ToList() })
            .Where(card => card.Takes.Count > 0)
            .ToList();
        return new GuestReview(link.Id, link.ProjectId, projectName, link.Note, link.Access, link.ExpiresAt,
            link.WhyUnusable(clock.GetUtcNow().UtcDateTime), cards);
    }

    public async Task<IReadOnlyList<ReviewLinkView>> ListAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var links = await db.ReviewLinks.AsNoTracking().Include(l => l.Items).Include(l => l.Guests)
            .Where(l => l.ProjectId == projectId).AsSplitQuery().ToListAsync(cancellationToken);
        var creatorIds = links.Select(l => l.CreatedByUserId).Distinct().ToList();
        var creators = await db.Users.Where(u => creatorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var shots = await db.Shots.AsNoTracking().Where(s => s.ProjectId == projectId).ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        var takes = await (from t in db.Takes.IgnoreQueryFilters()
                           join s in db.Shots on t.ShotId equals s.Id
                           where s.ProjectId == projectId
                           select new { t.Id, s.Code, t.Version }).ToDictionaryAsync(t => t.Id, t => $"{t.Code} v{t.Version:000}", cancellationToken);
        var guestIds = links.SelectMany(l => l.Guests).Select(g => g.UserId).ToList();
        var notes = await db.Notes.Where(n => guestIds.Contains(n.AuthorUserId))
            .GroupBy(n => n.AuthorUserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var decisions = await db.TakeDecisions.Where(d => guestIds.Contains(d.UserId))
            .GroupBy(d => d.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return links.OrderByDescending(l => l.CreatedAt).Select(l => new ReviewLinkView(
            l.Id, l.Note, l.Hint, l.Access, l.HasPassword, l.CreatedAt, l.ExpiresAt, l.RevokedAt,
            creators.GetValueOrDefault(l.CreatedByUserId) ?? "Someone",
            l.Items.Select(i => i.ShotId is { } shotId
                    ? $"{shots.GetValueOrDefault(shotId) ?? "A removed shot"} (every take)"
                    : takes.GetValueOrDefault(i.TakeId!.Value) ?? "A removed take")
                .Order(StringComparer.OrdinalIgnoreCase).ToList(),
            l.Guests.OrderBy(g => g.JoinedAt).Select(g => new ReviewLinkGuestView(g.UserId, g.Name, g.JoinedAt, g.LastSeenAt,
                notes.GetValueOrDefault(g.UserId), decisions.GetValueOrDefault(g.UserId))).ToList())).ToList();
    }
}
