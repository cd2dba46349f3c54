using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Data.Queries;

public sealed record ProjectSummary(Guid Id, string Name, string Description, int ShotCount, int TakeCount, ProjectRole? Role, Guid? CoverTakeId);

public sealed record TakeCardModel(
    Guid Id,
    Guid ShotId,
    int Version,
    string Model,
    FrameRate FrameRate,
    long DurationFrames,
    int Width,
    int Height,
    bool HasPoster,
    TakeRelation Relation,
    int? ParentVersion,
    decimal CreditsSpent,
    DateTime CreatedAt)
{
    public string VersionLabel => $"v{Version:000}";
}

public sealed record ShotCardModel(Guid Id, int Order, string Code, string SceneLabel, string Description, IReadOnlyList<TakeCardModel> Takes)
{
    public decimal CreditsSpent => Takes.Sum(t => t.CreditsSpent);

    public bool IsArchived { get; init; }
}

public sealed record RemovedTake(Guid TakeId, string ShotCode, int Version, DateTime RemovedAt, string RemovedBy)
{
    public string Name => $"{ShotCode} v{Version:000}";
}

/// <summary>A project's board: the shots in the cut, in order, and those put away.</summary>
public sealed record ProjectBoard(Guid Id, string Name, string Description, IReadOnlyList<ShotCardModel> Shots)
{
    public IReadOnlyList<ShotCardModel> ArchivedShots { get; init; } = [];
}

public sealed record TakeDetail(
    Guid ProjectId,
    string ProjectName,
    ShotCardModel Shot,
    TakeCardModel Take,
    GenerationInfo Generation,
    bool HasAudio,
    string? CreatedByName)
{
    public FilmstripSheet? Filmstrip { get; init; }
    public bool HasWaveform { get; init; }
    public OriginalFile? Original { get; init; }
}

/// <summary>What the board does not carry about a take and a hand-off needs: how it was made, its sound and its file's name.</summary>
public sealed record TakeExtras(GenerationInfo Generation, bool HasAudio, string? OriginalFileName, string? OriginalContainer);

/// <summary>Every file of a take in the media store, and the project that decides who may fetch them.</summary>
public sealed record TakeMediaLocation(Guid ProjectId, string MediaPath, string? PosterPath, string? FilmstripPath, string? WaveformPath,
    string? OriginalPath, string? OriginalFileName, string? OriginalContainer);

/// <summary>Read models for pages and endpoints; each call uses its own short-lived context.</summary>
public sealed class ProjectQueries(IDbContextFactory<ReviewRoomDbContext> contextFactory, ProjectMembership membership)
{
    /// <summary>About a megabyte of take ids; past it the memory starts again rather than growing with every take ever asked about.</summary>
    private const int MaxTakesRemembered = 20_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> _projectOfTake = new();

    public async Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(Guid userId, bool includeAll, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => includeAll || p.Members.Any(m => m.UserId == userId))
            .OrderBy(p => p.Name)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Description,
                ShotCount = p.Shots.Count,
                TakeCount = p.Shots.SelectMany(s => s.Takes).Count(),
                Role = p.Members.Where(m => m.UserId == userId).Select(m => (ProjectRole?)m.Role).FirstOrDefault(),
                CoverTakeId = p.Shots.OrderBy(s => s.Order).SelectMany(s => s.Takes.OrderBy(t => t.Version)).Select(t => (Guid?)t.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return projects.Select(p => new ProjectSummary(p.Id, p.Name, p.Description, p.ShotCount, p.TakeCount, p.Role, p.CoverTakeId)).ToList();
    }

    public Task<ProjectRole?> GetRoleAsync(Guid projectId, Guid userId, CancellationToken cancellationToken = default) =>
        membership.GetRoleAsync(projectId, userId, cancellationToken);

    /// <summary>
    /// The project a take belongs to. Asked before every command on a take, and a take never moves to another shot nor a
    /// shot to another project, so an answer once found is kept (a deleted project's takes still answer with it, and
    /// every command then finds no membership or no project there).
    /// </summary>
    public async Task<Guid?> GetProjectIdOfTakeAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        if (_projectOfTake.TryGetValue(takeId, out var known))
            return known;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await (from take in db.Takes
                           join shot in db.Shots on take.ShotId equals shot.Id
                           where take.Id == takeId
                           select (Guid?)shot.ProjectId).SingleOrDefaultAsync(cancellationToken);
        if (found is { } projectId)
        {
            if (_projectOfTake.Count >= MaxTakesRemembered)
                _projectOfTake.Clear();
            _projectOfTake[takeId] = projectId;
        }
        return found;
    }

    /// <summary>
    /// A take on the board as stored, untracked: for a change that needs only what a take never changes (its id, its
    /// length), read before the change takes its project's write lock rather than while holding it.
    /// </summary>
    public async Task<Take?> FindTakeAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await _takeById(db, takeId, cancellationToken);
    }

    // Compiled once per application (a compiled query belongs to one model): every note asks for its take.
    private readonly Func<ReviewRoomDbContext, Guid, CancellationToken, Task<Take?>> _takeById =
        EF.CompileAsyncQuery((ReviewRoomDbContext db, Guid id, CancellationToken _) => db.Takes.AsNoTracking().SingleOrDefault(t => t.Id == id));

    public async Task<Guid?> GetProjectIdOfShotAsync(Guid shotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Shots.Where(s => s.Id == shotId).Select(s => (Guid?)s.ProjectId).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<ProjectBoard?> GetBoardAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .Include(p => p.Shots).ThenInclude(s => s.Takes)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
            return null;
        var shots = project.Shots.OrderBy(s => s.Order).Select(ToShotCard).ToList();
        return new ProjectBoard(project.Id, project.Name, project.Description, shots.Where(s => !s.IsArchived).ToList())
        {
            ArchivedShots = shots.Where(s => s.IsArchived).ToList(),
        };
    }

    /// <summary>The project's removed takes, newest removal first, for bringing them back.</summary>
    public async Task<IReadOnlyList<RemovedTake>> GetRemovedTakesAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from take in db.Takes.IgnoreQueryFilters()
                      join shot in db.Shots on take.ShotId equals shot.Id
                      join user in db.Users on take.RemovedByUserId equals (Guid?)user.Id into removers
                      from remover in removers.DefaultIfEmpty()
                      where shot.ProjectId == projectId && take.RemovedAt != null
                      orderby take.RemovedAt descending
                      select new RemovedTake(take.Id, shot.Code, take.Version, take.RemovedAt!.Value, remover == null ? "ReviewRoom" : remover.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public async Task<TakeDetail?> GetTakeAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var shotId = await db.Takes.Where(t => t.Id == takeId).Select(t => (Guid?)t.ShotId).SingleOrDefaultAsync(cancellationToken);
        if (shotId is null)
            return null;
        var shot = await db.Shots.AsNoTracking().Include(s => s.Takes).SingleAsync(s => s.Id == shotId, cancellationToken);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == shot.ProjectId).Select(p => new { p.Id, p.Name }).SingleAsync(cancellationToken);
        var take = shot.Takes.Single(t => t.Id == takeId);
        var createdBy = take.CreatedByUserId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var shotCard = ToShotCard(shot);
        return new TakeDetail(project.Id, project.Name, shotCard, shotCard.Takes.Single(t => t.Id == takeId), take.Generation, take.HasAudio, createdBy)
        {
            Filmstrip = take.Filmstrip,
            HasWaveform = take.WaveformPath is not null,
            Original = take.Original,
        };
    }

    /// <summary>How each take of a shot was made, in one query (lists read many takes at once).</summary>
    public async Task<IReadOnlyDictionary<Guid, GenerationInfo>> GetGenerationsOfShotAsync(Guid shotId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Takes.AsNoTracking().Where(t => t.ShotId == shotId).ToDictionaryAsync(t => t.Id, t => t.Generation, cancellationToken);
    }

    /// <summary>The extras of every take on a project's board, in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, TakeExtras>> GetTakeExtrasAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from take in db.Takes.AsNoTracking()
                      join shot in db.Shots on take.ShotId equals shot.Id
                      where shot.ProjectId == projectId
                      select new { take.Id, take.Generation, take.HasAudio, take.Original })
            .ToDictionaryAsync(t => t.Id, t => new TakeExtras(t.Generation, t.HasAudio, t.Original == null ? null : t.Original.FileName,
                t.Original == null ? null : t.Original.Container), cancellationToken);
    }

    public async Task<TakeMediaLocation?> GetTakeMediaAsync(Guid takeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await (from take in db.Takes
                      join shot in db.Shots on take.ShotId equals shot.Id
                      where take.Id == takeId
                      select new TakeMediaLocation(shot.ProjectId, take.MediaPath, take.PosterPath, take.Filmstrip!.Path, take.WaveformPath,
                          take.Original!.Path, take.Original.FileName, take.Original.Container)).SingleOrDefaultAsync(cancellationToken);
    }

    internal static ShotCardModel ToShotCard(Shot shot)
    {
        var versions = shot.Takes.ToDictionary(t => t.Id, t => t.Version);
        var takes = shot.Takes.OrderBy(t => t.Version).Select(t => new TakeCardModel(
            t.Id,
            shot.Id,
            t.Version,
            t.Generation.Model,
            t.FrameRate,
            t.DurationFrames,
            t.Width,
            t.Height,
            t.PosterPath is not null,
            t.Generation.Relation,
            t.Generation.ParentTakeId is { } parent && versions.TryGetValue(parent, out var v) ? v : null,
            t.Generation.CreditsSpent,
            t.CreatedAt)).ToList();
        return new ShotCardModel(shot.Id, shot.Order, shot.Code, shot.SceneLabel, shot.Description, takes) { IsArchived = shot.IsArchived };
    }
}
