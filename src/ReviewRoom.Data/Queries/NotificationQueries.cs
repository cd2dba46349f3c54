using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Notifications;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Queries;

public sealed record NotificationView(long Id, NotificationKind Kind, Guid ProjectId, string ProjectName, Guid? TakeId, long? Frame, string Text, DateTime CreatedAt, bool Read)
{
    /// <summary>Where the entry leads: the exact take and frame, or the project.</summary>
    public string Link => TakeId is { } take ? $"/takes/{take}{(Frame is { } frame ? $"?frame={frame}" : "")}" : $"/projects/{ProjectId}";
}

/// <summary>Who is told about what (read side of notifications), and each person's inbox.</summary>
public sealed class NotificationQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    public const int InboxSize = 50;

    public async Task<IReadOnlyList<NotificationView>> GetInboxAsync(Guid userId, int take = InboxSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from n in db.Notifications
                      join p in db.Projects on n.ProjectId equals p.Id
                      where n.UserId == userId
                      orderby n.CreatedAt descending, n.Id descending
                      select new NotificationView(n.Id, n.Kind, n.ProjectId, p.Name, n.TakeId, n.Frame, n.Text, n.CreatedAt, n.ReadAt != null))
            .Take(take).ToListAsync(cancellationToken);
    }

    public async Task<int> CountUnreadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    public async Task<EmailDigest> GetEmailDigestAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.EmailDigest).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<NotificationKind>> GetMutedKindsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await db.NotificationPreferences.Where(p => p.UserId == userId).Select(p => p.Kind).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>The project's members with their roles and the kinds they turned off.</summary>
    public async Task<IReadOnlyDictionary<Guid, (ProjectRole Role, IReadOnlySet<NotificationKind> Muted)>> GetAudienceAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.ProjectMembers.Where(m => m.ProjectId == projectId).Select(m => new { m.UserId, m.Role }).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.UserId).ToList();
        var muted = (await db.NotificationPreferences.Where(p => ids.Contains(p.UserId)).ToListAsync(cancellationToken)).ToLookup(p => p.UserId, p => p.Kind);
        return members.ToDictionary(m => m.UserId, m => (m.Role, (IReadOnlySet<NotificationKind>)muted[m.UserId].ToHashSet()));
    }

    /// <summary>Everyone who wrote in a thread: its first note's author and everyone who replied.</summary>
    public async Task<IReadOnlyList<Guid>> GetThreadPeopleAsync(Guid rootNoteId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notes.Where(n => (n.Id == rootNoteId || n.ParentNoteId == rootNoteId) && n.DeletedAt == null)
            .Select(n => n.AuthorUserId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Everyone who noted a take.</summary>
    public async Task<IReadOnlyList<Guid>> GetNoteAuthorsAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notes.Where(n => n.TakeId == takeId && n.DeletedAt == null).Select(n => n.AuthorUserId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Who follows a shot: everyone who brought in, noted or decided on one of its takes. Following is
    /// what taking part means; nobody has to remember to press a button.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> GetShotFollowersAsync(Guid shotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var takes = db.Takes.Where(t => t.ShotId == shotId);
        var uploaders = takes.Where(t => t.CreatedByUserId != null).Select(t => t.CreatedByUserId!.Value);
        var noters = db.Notes.Where(n => takes.Any(t => t.Id == n.TakeId) && n.DeletedAt == null).Select(n => n.AuthorUserId);
        var deciders = db.TakeDecisions.Where(d => takes.Any(t => t.Id == d.TakeId)).Select(d => d.UserId);
        var circlers = db.ShotSelections.Where(s => s.ShotId == shotId).Select(s => s.UserId);
        return (await uploaders.ToListAsync(cancellationToken))
            .Concat(await noters.ToListAsync(cancellationToken))
            .Concat(await deciders.ToListAsync(cancellationToken))
            .Concat(await circlers.ToListAsync(cancellationToken))
            .Distinct().ToList();
    }

    public async Task<Guid?> GetShotOfTakeAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Takes.Where(t => t.Id == takeId).Select(t => (Guid?)t.ShotId).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<string> GetNameAsync(Guid? userId, CancellationToken cancellationToken = default)
    {
        if (userId is null)
            return "ReviewRoom";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Someone";
    }
}
