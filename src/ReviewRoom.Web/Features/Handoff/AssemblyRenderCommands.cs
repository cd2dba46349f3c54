using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Api;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>An assembly movie as pages and the API show it. <see cref="DownloadUrl"/> is set once it is ready.</summary>
public sealed record AssemblyRenderView(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    string Rate,
    int Width,
    int Height,
    long DurationFrames,
    string Duration,
    int ShotCount,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AssemblyRenderState>))] AssemblyRenderState State,
    string Stage,
    double Progress,
    string? Error,
    long? SizeBytes,
    string RequestedBy,
    DateTime CreatedAt,
    DateTime? FinishedAt,
    string? DownloadUrl)
{
    /// <summary>Names the cut and rate it was made of: the same as <see cref="AssemblyPlan.Fingerprint"/> of the cut now when it is current.</summary>
    public string Fingerprint { get; init; } = "";

    public static AssemblyRenderView From(AssemblyRender render, string requestedBy)
    {
        var rate = FrameRate.Parse(render.Rate);
        return new(render.Id, render.ProjectId, render.ProjectName, render.Rate, render.Width, render.Height, render.DurationFrames,
            Timecode.FromFrame(render.DurationFrames, rate).ToString(), render.ShotCount, render.State, render.Stage, render.Progress, render.Error,
            render.SizeBytes, requestedBy, render.CreatedAt, render.FinishedAt,
            render.State == AssemblyRenderState.Ready ? HandoffEndpoints.AssemblyRenderUrl(render.ProjectId, render.Id) : null)
        {
            Fingerprint = render.Fingerprint,
        };
    }
}

/// <summary>Hands a render's moment-to-moment progress to the pages watching in this process. The row is the truth for later readers.</summary>
public sealed class AssemblyRenderFeed(ILogger<AssemblyRenderFeed> logger)
{
    public Feed<AssemblyRenderView> Changed { get; } = new((ex, view) => logger.LogWarning(ex, "An assembly render subscriber failed for render {Render}", view.Id));
}

/// <summary>Wakes the render worker when someone asks for a movie.</summary>
public sealed class AssemblyRenderSignal : Hosting.WakeSignal;

/// <summary>
/// Asking for the assembly as one movie, and reading what has been made. Anyone who may export the project may ask (members
/// and pipeline tokens, read scope included): it is the cut file in another form. The same cut at the same rate is made once.
/// </summary>
public sealed class AssemblyRenderCommands(
    HandoffReader reader,
    RoomWriter writer,
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    AssemblyRenderSignal signal,
    AssemblyRenderFeed feed,
    TimeProvider clock)
{
    /// <summary>How many movies a project may have waiting or being made at once: each costs minutes of the server's time.</summary>
    public const int MaxWaitingPerProject = 3;

    /// <summary>How many finished movies a project keeps; older ones are removed as new ones finish.</summary>
    public const int KeptPerProject = 5;

    /// <summary>
    /// The movie of the project's cut at <paramref name="rate"/> (the takes' usual rate when null): the one already made or
    /// being made for exactly this cut, else a new one, queued. A failed one is answered as it is, so a caller polling does
    /// not start it again and again, unless <paramref name="retryFailed"/>.
    /// </summary>
    public async Task<AssemblyRenderView> RequestAsync(Actor actor, Guid projectId, FrameRate? rate, bool retryFailed, CancellationToken ct = default)
    {
        var cut = await reader.CutAsync(actor, projectId, rate, ct)
            ?? throw DomainException.NotFound("That project does not exist, or you are not a member of it.");
        if (cut.Clips.Count == 0)
            throw new DomainException("Nothing is circled yet: circle a take in each shot, then make the assembly.");
        var plan = AssemblyPlan.For(cut);
        var fingerprint = plan.Fingerprint;
        AssemblyRender? render = null;
        var created = false;
        await writer.WriteQuietlyAsync(async (db, token) =>
        {
            render = await db.AssemblyRenders.Where(r => r.ProjectId == projectId && r.Fingerprint == fingerprint)
                .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(token);
            if (render is not null && (render.State != AssemblyRenderState.Failed || !retryFailed))
                return;
            var waiting = await db.AssemblyRenders.CountAsync(r => r.ProjectId == projectId
                && (r.State == AssemblyRenderState.Queued || r.State == AssemblyRenderState.Running), token);
            if (waiting >= MaxWaitingPerProject)
                throw new DomainException($"{waiting} movies of this project are already waiting or being made; ask again when one is ready.");
            render = new AssemblyRender(projectId, cut.ProjectName, plan, actor.UserId, (actor as Actor.Pipeline)?.TokenName, clock.GetUtcNow().UtcDateTime);
            db.AssemblyRenders.Add(render);
            created = true;
        }, ct);
        var view = await ViewAsync(render!, ct);
        if (created)
        {
            signal.Wake();
            await feed.Changed.PublishAsync(view, ct);
        }
        return view;
    }

    /// <summary>The project's movies, newest first; null when the caller may not export the project.</summary>
    public async Task<IReadOnlyList<AssemblyRenderView>?> ListAsync(Actor actor, Guid projectId, CancellationToken ct = default)
    {
        if (!await reader.MayExportAsync(actor, projectId, ct))
            return null;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var renders = await db.AssemblyRenders.AsNoTracking().Where(r => r.ProjectId == projectId)
            .OrderByDescending(r => r.CreatedAt).Take(KeptPerProject + MaxWaitingPerProject).ToListAsync(ct);
        var names = await NamesAsync(db, renders, ct);
        return renders.Select(r => AssemblyRenderView.From(r, RequesterName(r, names))).ToList();
    }

    /// <summary>One of the project's movies; null when there is no such movie or the caller may not export the project.</summary>
    public async Task<AssemblyRenderView?> FindAsync(Actor actor, Guid projectId, Guid renderId, CancellationToken ct = default)
    {
        if (!await reader.MayExportAsync(actor, projectId, ct))
            return null;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        if (await db.AssemblyRenders.AsNoTracking().SingleOrDefaultAsync(r => r.Id == renderId && r.ProjectId == projectId, ct) is not { } render)
            return null;
        return AssemblyRenderView.From(render, RequesterName(render, await NamesAsync(db, [render], ct)));
    }

    /// <summary>The view of one render, with who asked for it, for pages and the feed.</summary>
    internal async Task<AssemblyRenderView> ViewAsync(AssemblyRender render, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return AssemblyRenderView.From(render, RequesterName(render, await NamesAsync(db, [render], ct)));
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(ReviewRoomDbContext db, IReadOnlyList<AssemblyRender> renders, CancellationToken ct)
    {
        var ids = renders.Select(r => r.RequestedByUserId).OfType<Guid>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string RequesterName(AssemblyRender render, Dictionary<Guid, string> names) =>
        render.RequestedByTokenName is { } token ? $"{token} (API token)"
        : render.RequestedByUserId is { } id && names.TryGetValue(id, out var name) ? name
        : "someone no longer here";
}
