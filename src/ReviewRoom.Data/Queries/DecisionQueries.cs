using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Queries;

public sealed record DecisionView(Guid Id, Guid TakeId, Guid UserId, string UserName, ProjectRole Role, DecisionKind Kind, string? Comment, Guid? NoteId, DateTime DecidedAt, DateTime? SupersededAt);

public sealed record TakeReviewState(Guid TakeId, Guid ShotId, TakeStatus Status, IReadOnlyList<DecisionView> Current, IReadOnlyList<MemberView> Voters);

public sealed record ShotReviewState(Guid ShotId, Guid? CircledTakeId, bool CircledWasApproved, TakeStatus Status);

public sealed record SelectionView(Guid Id, Guid ShotId, Guid? TakeId, int? TakeVersion, string UserName, string? Reason, bool TakeWasApproved, DateTime SelectedAt);

/// <summary>Where a project's review stands. Statuses are derived here from decisions and the policy, never stored.</summary>
public sealed record ProjectReviewState(ApprovalPolicy Policy, IReadOnlyDictionary<Guid, TakeReviewState> Takes, IReadOnlyDictionary<Guid, ShotReviewState> Shots)
{
    public static ProjectReviewState Empty { get; } = new(ApprovalPolicy.Default, new Dictionary<Guid, TakeReviewState>(), new Dictionary<Guid, ShotReviewState>());

    public TakeReviewState? Take(Guid takeId) => Takes.GetValueOrDefault(takeId);

    public ShotReviewState? Shot(Guid shotId) => Shots.GetValueOrDefault(shotId);
}

public sealed class DecisionQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    public async Task<ProjectReviewState> GetProjectStateAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Policy).SingleOrDefaultAsync(cancellationToken);
        if (policy is null)
            return ProjectReviewState.Empty;
        var takes = await (from take in db.Takes
                           join shot in db.Shots on take.ShotId equals shot.Id
                           where shot.ProjectId == projectId
                           select new { take.Id, take.ShotId }).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, projectId, cancellationToken);
        var roles = await db.ProjectMembers.Where(m => m.ProjectId == projectId).ToDictionaryAsync(m => m.UserId, m => m.Role, cancellationToken);
        var current = (await db.TakeDecisions.AsNoTracking()
                .Where(d => d.ProjectId == projectId && d.SupersededAt == null)
                .ToListAsync(cancellationToken))
            .Select(d => ToView(d, names))
            .ToLookup(d => d.TakeId);
        var votes = (await db.TakeVotes.AsNoTracking().Where(v => v.ProjectId == projectId).OrderBy(v => v.VotedAt).ToListAsync(cancellationToken))
            .ToLookup(v => v.TakeId, v => new MemberView(v.UserId, names.GetValueOrDefault(v.UserId) ?? "Someone", roles.GetValueOrDefault(v.UserId, ProjectRole.Viewer)));
        var takeStates = takes.ToDictionary(
            t => t.Id,
            t => new TakeReviewState(t.Id, t.ShotId, DecisionPolicy.StatusOf(current[t.Id].Select(d => (d.Role, d.Kind)), policy),
                current[t.Id].OrderBy(d => d.DecidedAt).ToList(), votes[t.Id].ToList()));

        var latestSelections = await db.ShotSelections.AsNoTracking()
            .Where(s => s.ProjectId == projectId)
            .GroupBy(s => s.ShotId)
            .Select(g => g.OrderByDescending(s => s.SelectedAt).ThenByDescending(s => s.Id).First())
            .ToListAsync(cancellationToken);
        var shotIds = await db.Shots.Where(s => s.ProjectId == projectId).Select(s => s.Id).ToListAsync(cancellationToken);
        var shotStates = shotIds.ToDictionary(id => id, id =>
        {
            var selection = latestSelections.FirstOrDefault(s => s.ShotId == id);
            var circled = selection?.TakeId;
            var circledStatus = circled is { } takeId && takeStates.TryGetValue(takeId, out var state) ? state.Status : (TakeStatus?)null;
            return new ShotReviewState(id, circled, selection?.TakeWasApproved ?? false,
                DecisionPolicy.ShotStatusOf(circledStatus, takeStates.Values.Where(t => t.ShotId == id).Select(t => t.Status)));
        });
        return new ProjectReviewState(policy, takeStates, shotStates);
    }

    /// <summary>Every decision ever made on a take, newest first: the current ones and those they replaced.</summary>
    public async Task<IReadOnlyList<DecisionView>> GetDecisionHistoryAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var decisions = await db.TakeDecisions.AsNoTracking().Where(d => d.TakeId == takeId).ToListAsync(cancellationToken);
        if (decisions.Count == 0)
            return [];
        var names = await NamesAsync(db, decisions[0].ProjectId, cancellationToken);
        return decisions.OrderByDescending(d => d.DecidedAt).Select(d => ToView(d, names)).ToList();
    }

    public async Task<IReadOnlyList<SelectionView>> GetSelectionHistoryAsync(Guid shotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from selection in db.ShotSelections
                      join user in db.Users on selection.UserId equals user.Id
                      join take in db.Takes on selection.TakeId equals take.Id into circled
                      from take in circled.DefaultIfEmpty()
                      where selection.ShotId == shotId
                      orderby selection.SelectedAt descending
                      select new SelectionView(selection.Id, selection.ShotId, selection.TakeId, take == null ? null : take.Version,
                          user.DisplayName, selection.Reason, selection.TakeWasApproved, selection.SelectedAt)).ToListAsync(cancellationToken);
    }

    /// <summary>Everyone who decided or voted in the project, members or not: a removed person's decisions keep their name.</summary>
    private static async Task<Dictionary<Guid, string>> NamesAsync(ReviewRoomDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        await db.Users.Where(user => db.TakeDecisions.Any(d => d.ProjectId == projectId && d.UserId == user.Id)
                || db.TakeVotes.Any(v => v.ProjectId == projectId && v.UserId == user.Id))
            .ToDictionaryAsync(user => user.Id, user => user.DisplayName, cancellationToken);

    private static DecisionView ToView(TakeDecision d, Dictionary<Guid, string> names) =>
        new(d.Id, d.TakeId, d.UserId, names.GetValueOrDefault(d.UserId) ?? "Someone", d.Role, d.Kind, d.Comment, d.NoteId, d.DecidedAt, d.SupersededAt);
}
