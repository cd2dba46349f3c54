using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Queries;

/// <summary>One requested take as the board and the API show it.</summary>
public sealed record GenerationSlotView(int Index, long? Seed, Guid? TakeId, int? TakeVersion);

/// <summary>A generation request as pages and the pipeline API read it.</summary>
public sealed record GenerationRequestView(
    Guid Id,
    Guid ProjectId,
    Guid ShotId,
    string ShotCode,
    Guid ParentTakeId,
    int ParentVersion,
    GenerationInfo Generation,
    GenerationRequestState State,
    string RequestedBy,
    DateTime CreatedAt,
    DateTime ClaimBy,
    string? ClaimedBy,
    DateTime? LeaseExpiresAt,
    double Progress,
    string? ProgressMessage,
    string? FailureReason,
    DateTime? EndedAt,
    IReadOnlyList<GenerationSlotView> Slots,
    IReadOnlyList<Guid> AnsweredNoteIds)
{
    public int FilledCount => Slots.Count(s => s.TakeId is not null);
    public bool IsActive => State is GenerationRequestState.Open or GenerationRequestState.Claimed;
    public string ParentLabel => $"v{ParentVersion:000}";
}

/// <summary>A note a take was made to answer, with where it sits on the parent take.</summary>
public sealed record AnsweredNote(Guid NoteId, Guid ParentTakeId, int ParentVersion, long FrameIn, long FrameOut, string Body, string AuthorName, bool Resolved, Guid? ResolvedByTakeId)
{
    public string ParentLabel => $"v{ParentVersion:000}";
}

/// <summary>A take made for a request that named a note.</summary>
public sealed record AnsweringTake(Guid TakeId, int Version)
{
    public string VersionLabel => $"v{Version:000}";
}

public sealed class GenerationQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory)
{
    /// <summary>How long a request that ended without all its takes stays on the board, so everyone sees what became of it.</summary>
    public static readonly TimeSpan EndedShownFor = TimeSpan.FromDays(1);

    /// <summary>
    /// The project's requests worth showing on the board: active ones, and ones that ended short of their takes (failed,
    /// cancelled, timed out) within <see cref="EndedShownFor"/>.
    /// </summary>
    public async Task<IReadOnlyList<GenerationRequestView>> GetBoardRequestsAsync(Guid projectId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var since = nowUtc - EndedShownFor;
        return await ListAsync(r => r.ProjectId == projectId
            && (r.State == GenerationRequestState.Open || r.State == GenerationRequestState.Claimed
                || (r.State != GenerationRequestState.Filled && r.EndedAt > since)), cancellationToken);
    }

    /// <summary>A project's requests in the given states (all of them when none are given), newest first.</summary>
    public Task<IReadOnlyList<GenerationRequestView>> GetForProjectAsync(Guid projectId, IReadOnlyCollection<GenerationRequestState> states, CancellationToken cancellationToken = default) =>
        states.Count == 0
            ? ListAsync(r => r.ProjectId == projectId, cancellationToken)
            : ListAsync(r => r.ProjectId == projectId && states.Contains(r.State), cancellationToken);

    public async Task<GenerationRequestView?> GetAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        (await ListAsync(r => r.Id == requestId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<GenerationRequestView>> ListAsync(System.Linq.Expressions.Expression<Func<GenerationRequest, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var requests = await db.GenerationRequests.AsNoTracking().Include(r => r.Slots).Include(r => r.AnsweredNotes)
            .Where(which).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        if (requests.Count == 0)
            return [];
        var takeIds = requests.SelectMany(r => r.Slots.Select(s => s.TakeId)).OfType<Guid>()
            .Concat(requests.Select(r => r.Generation.ParentTakeId).OfType<Guid>()).Distinct().ToList();
        var versions = await db.Takes.IgnoreQueryFilters().Where(t => takeIds.Contains(t.Id)).Select(t => new { t.Id, t.Version })
            .ToDictionaryAsync(t => t.Id, t => t.Version, cancellationToken);
        var shotIds = requests.Select(r => r.ShotId).Distinct().ToList();
        var codes = await db.Shots.Where(s => shotIds.Contains(s.Id)).Select(s => new { s.Id, s.Code }).ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken);
        var names = await NamesAsync(db, requests.Select(r => r.RequestedByUserId), cancellationToken);
        return requests.Select(r => new GenerationRequestView(
            r.Id, r.ProjectId, r.ShotId, codes.GetValueOrDefault(r.ShotId, "?"), r.Generation.ParentTakeId!.Value,
            versions.GetValueOrDefault(r.Generation.ParentTakeId!.Value), r.Generation, r.State, names.GetValueOrDefault(r.RequestedByUserId, "Someone"),
            r.CreatedAt, r.ClaimBy, r.ClaimedBy, r.LeaseExpiresAt, r.Progress, r.ProgressMessage, r.FailureReason, r.EndedAt,
            r.Slots.OrderBy(s => s.Index).Select(s => new GenerationSlotView(s.Index, s.Seed, s.TakeId, s.TakeId is { } id && versions.TryGetValue(id, out var v) ? v : null)).ToList(),
            r.AnsweredNotes.Select(n => n.NoteId).ToList())).ToList();
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(ReviewRoomDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>The notes <paramref name="takeId"/> was made to answer (through its request), in timeline order.</summary>
    public async Task<IReadOnlyList<AnsweredNote>> GetAnsweredByTakeAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var requestId = await db.Takes.Where(t => t.Id == takeId).Select(t => t.Generation.RequestId).SingleOrDefaultAsync(cancellationToken);
        if (requestId is null)
            return [];
        var noteIds = db.Set<GenerationRequestNote>().Where(n => n.RequestId == requestId).Select(n => n.NoteId);
        var notes = await db.Notes.AsNoTracking().Where(n => noteIds.Contains(n.Id) && n.DeletedAt == null)
            .Join(db.Takes.IgnoreQueryFilters(), n => n.TakeId, t => t.Id, (n, t) => new { Note = n, t.Version })
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, notes.Select(n => n.Note.AuthorUserId), cancellationToken);
        return notes.OrderBy(n => n.Note.FrameIn).ThenBy(n => n.Note.CreatedAt)
            .Select(n => new AnsweredNote(n.Note.Id, n.Note.TakeId, n.Version, n.Note.FrameIn, n.Note.FrameOut, n.Note.Body,
                names.GetValueOrDefault(n.Note.AuthorUserId, "Someone"), n.Note.ResolvedAt is not null, n.Note.ResolvedByTakeId))
            .ToList();
    }

    /// <summary>For each of <paramref name="noteIds"/> that a request named, the takes that have arrived for it, oldest first.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<AnsweringTake>>> GetAnsweringTakesAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Found from the take, not from a list of its notes' ids: a long take has more notes than SQLite takes parameters.
        var rows = await db.Set<GenerationRequestNote>()
            .Join(db.Notes.Where(n => n.TakeId == takeId && n.ParentNoteId == null), r => r.NoteId, n => n.Id, (r, _) => r)
            .Join(db.Set<GenerationSlot>().Where(s => s.TakeId != null), n => n.RequestId, s => s.RequestId, (n, s) => new { n.NoteId, TakeId = s.TakeId!.Value })
            .Join(db.Takes, r => r.TakeId, t => t.Id, (r, t) => new { r.NoteId, r.TakeId, t.Version })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.NoteId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<AnsweringTake>)g.OrderBy(r => r.Version).Select(r => new AnsweringTake(r.TakeId, r.Version)).ToList());
    }

    /// <summary>What the model's latest takes in the project cost, newest first: the base of a request's estimate.</summary>
    public async Task<IReadOnlyList<decimal>> GetRecentCostsAsync(Guid projectId, string model, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Costs are compared here rather than in SQL: SQLite keeps decimals as text. Free takes are rare, so a few more rows suffice.
        var costs = await db.Takes.IgnoreQueryFilters()
            .Where(t => t.Generation.Model == model && db.Shots.Any(s => s.Id == t.ShotId && s.ProjectId == projectId))
            .OrderByDescending(t => t.CreatedAt).Select(t => t.Generation.CreditsSpent).Take(CreditEstimate.RecentTakes * 5)
            .ToListAsync(cancellationToken);
        return costs.Where(c => c > 0).Take(CreditEstimate.RecentTakes).ToList();
    }
}
