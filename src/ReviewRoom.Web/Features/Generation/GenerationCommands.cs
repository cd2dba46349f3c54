using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Ingest;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Generation;

/// <summary>What a person asks the generator for, as the dialog (or any other edge) collects it.</summary>
public sealed record GenerationAsk(
    Guid ParentTakeId,
    int Count,
    TakeRelation Relation,
    string Prompt,
    string? NegativePrompt,
    SeedChoice Seeds,
    string? SeedList,
    string? ParametersJson,
    IReadOnlyCollection<Guid> AnsweredNoteIds,
    string? Model = null);

/// <summary>
/// Asking for takes, and a pipeline working through what was asked: each change authorised here and written through the
/// room-event pipeline, so the board, the hub and the webhooks hear of it like any other change.
/// </summary>
public sealed class GenerationCommands(RoomWriter writer, ProjectQueries projects, GenerationQueries requests, ProjectAccess access,
    IOptions<GenerationOptions> options, TimeProvider clock)
{
    /// <summary>Records a request for new takes of the parent's shot and returns its id.</summary>
    public async Task<Guid> RequestAsync(Actor actor, GenerationAsk ask, CancellationToken cancellationToken = default)
    {
        var (userId, projectId, role) = await access.RequireTakeAsync(actor, ask.ParentTakeId, "take", cancellationToken);
        if (!ProjectRolePolicy.CanRequestTakes(role))
            throw DomainException.Forbidden("Only the director, the VFX lead or the producer can ask for new takes.");
        var parent = await projects.GetTakeAsync(ask.ParentTakeId, cancellationToken)
            ?? throw DomainException.NotFound("That take has been removed from the board.");
        var generation = Settings(ask, parent.Generation);
        var seeds = SeedsFor(ask, parent.Generation.Seed);
        var estimate = CreditEstimate.For(await requests.GetRecentCostsAsync(projectId, generation.Model, cancellationToken), ask.Count);
        GenerationRequest? request = null;
        await writer.WriteAsync(projectId, userId, null, async (db, _, ct) =>
        {
            var openNotes = await db.Notes.Where(n => n.TakeId == ask.ParentTakeId && n.ParentNoteId == null && n.DeletedAt == null && n.ResolvedAt == null)
                .Select(n => n.Id).ToListAsync(ct);
            if (ask.AnsweredNoteIds.Any(id => !openNotes.Contains(id)))
                throw new DomainException($"The requested takes can only answer open notes on {parent.Take.VersionLabel}; one of the ticked notes is not (it may have just been resolved).");
            request = GenerationRequest.Create(projectId, parent.Shot.Id, generation with { CreditsSpent = estimate?.Total ?? 0 }, seeds, ask.AnsweredNoteIds,
                userId, Now, options.Value.ClaimWithin);
            db.GenerationRequests.Add(request);
            return new RoomEventDraft(new GenerationRequested(request.Id, request.ShotId, ask.ParentTakeId, request.Count, generation.Relation, generation.Model,
                [.. ask.AnsweredNoteIds.Distinct()], estimate?.Total, request.ClaimBy));
        }, cancellationToken);
        return request!.Id;
    }

    /// <summary>What <paramref name="takes"/> takes from <paramref name="model"/> would cost, from its recent takes in the project.</summary>
    public async Task<CreditEstimate?> EstimateAsync(Guid projectId, string model, int takes, CancellationToken cancellationToken = default) =>
        CreditEstimate.For(await requests.GetRecentCostsAsync(projectId, model, cancellationToken), takes);

    public async Task CancelAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        var existing = await requests.GetAsync(requestId, cancellationToken);
        var userId = await access.RequireRoleAsync(actor, existing?.ProjectId ?? Guid.Empty, ProjectRolePolicy.CanRequestTakes,
            "Only the director, the VFX lead or the producer can cancel a request for takes.", administratorsMay: false);
        await ChangeAsync(existing!.ProjectId, userId, requestId, request =>
        {
            request.Cancel(userId, Now);
            return new GenerationCancelled(request.Id, request.ShotId, request.FilledCount);
        }, cancellationToken);
    }

    /// <summary>A pipeline takes a request for the lease; claiming again renews it. Returns the request as it now is.</summary>
    public async Task<GenerationRequestView> ClaimAsync(Actor actor, Guid projectId, Guid requestId, CancellationToken cancellationToken = default)
    {
        await RequirePipelineAsync(actor, projectId, cancellationToken);
        await ChangeAsync(projectId, actor.UserId, requestId, request =>
        {
            request.Claim(actor.DisplayName, Now, options.Value.Lease);
            return new GenerationClaimed(request.Id, request.ShotId, actor.DisplayName, request.LeaseExpiresAt!.Value);
        }, cancellationToken);
        return (await requests.GetAsync(requestId, cancellationToken))!;
    }

    public async Task<GenerationRequestView> ReportProgressAsync(Actor actor, Guid projectId, Guid requestId, double progress, string? message,
        CancellationToken cancellationToken = default)
    {
        await RequirePipelineAsync(actor, projectId, cancellationToken);
        await ChangeAsync(projectId, actor.UserId, requestId, request =>
        {
            request.ReportProgress(actor.DisplayName, progress, message, Now, options.Value.Lease);
            return new GenerationProgressed(request.Id, request.ShotId, actor.DisplayName, request.Progress, request.ProgressMessage);
        }, cancellationToken);
        return (await requests.GetAsync(requestId, cancellationToken))!;
    }

    public async Task<GenerationRequestView> FailAsync(Actor actor, Guid projectId, Guid requestId, string reason, CancellationToken cancellationToken = default)
    {
        await RequirePipelineAsync(actor, projectId, cancellationToken);
        await ChangeAsync(projectId, actor.UserId, requestId, request =>
        {
            request.Fail(actor.DisplayName, reason, Now);
            return new GenerationFailed(request.Id, request.ShotId, actor.DisplayName, request.FailureReason!);
        }, cancellationToken);
        return (await requests.GetAsync(requestId, cancellationToken))!;
    }

    /// <summary>
    /// Times out requests nobody claimed in time and opens again those whose pipeline stopped renewing its claim; run by
    /// <see cref="GenerationSweeper"/> on every node (the request's revision lets one node win each change).
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        List<(Guid Id, Guid ProjectId)> due;
        await using (var db = await writer.CreateReadContextAsync(cancellationToken))
        {
            due = (await db.GenerationRequests.AsNoTracking()
                .Where(r => (r.State == GenerationRequestState.Open && r.ClaimBy <= now) || (r.State == GenerationRequestState.Claimed && r.LeaseExpiresAt <= now))
                .Select(r => new { r.Id, r.ProjectId }).ToListAsync(cancellationToken))
                .Select(r => (r.Id, r.ProjectId)).ToList();
        }
        var changed = 0;
        foreach (var (id, projectId) in due)
        {
            try
            {
                await ChangeAsync(projectId, null, id, request =>
                {
                    var by = request.ClaimedBy ?? "";
                    return request.Expire(Now, options.Value.ClaimWithin) switch
                    {
                        GenerationRequestExpiry.TimedOut => new GenerationTimedOut(request.Id, request.ShotId, request.FilledCount),
                        GenerationRequestExpiry.Released => new GenerationReleased(request.Id, request.ShotId, by, request.ClaimBy),
                        _ => throw new DomainException("That request is no longer due."),
                    };
                }, cancellationToken);
                changed++;
            }
            catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
            {
                // A claim or a progress report (or another node's sweep) got there first.
            }
        }
        return changed;
    }

    private async Task ChangeAsync(Guid projectId, Guid? actorUserId, Guid requestId, Func<GenerationRequest, IRoomEvent> change, CancellationToken cancellationToken) =>
        await writer.WriteAsync(projectId, actorUserId, null, async (db, _, ct) =>
        {
            var request = await db.GenerationRequests.Include(r => r.Slots).SingleOrDefaultAsync(r => r.Id == requestId && r.ProjectId == projectId, ct)
                ?? throw DomainException.NotFound("That generation request does not exist in this project.");
            return new RoomEventDraft(change(request));
        }, cancellationToken);

    /// <summary>Who works on requests: a pipeline token that may bring takes in, or a person whose role uploads takes.</summary>
    private Task RequirePipelineAsync(Actor actor, Guid projectId, CancellationToken cancellationToken) =>
        access.RequireChangeAsync(actor, projectId, ProjectRolePolicy.CanUploadTakes, "work on generation requests", cancellationToken: cancellationToken);

    /// <summary>The settings to send, checked by the same rules as an upload's generation metadata.</summary>
    private static GenerationInfo Settings(GenerationAsk ask, GenerationInfo parent)
    {
        if (ask.Count is < 1 or > GenerationRequest.MaxTakes)
            throw new DomainException($"Ask for between 1 and {GenerationRequest.MaxTakes} takes.");
        if (ask.Relation == TakeRelation.Original)
            throw new DomainException("Choose re-roll, extend or variation: the new takes are made from this one.");
        JsonElement? parameters = null;
        if (!string.IsNullOrWhiteSpace(ask.ParametersJson))
        {
            if (ask.ParametersJson.Length > GenerationInput.MaxParametersLength)
                throw new DomainException($"Parameters are larger than {GenerationInput.MaxParametersLength / 1024} KB.");
            try
            {
                using var document = JsonDocument.Parse(ask.ParametersJson, new JsonDocumentOptions { MaxDepth = GenerationInput.MaxDepth, AllowTrailingCommas = true });
                parameters = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new DomainException($"The parameters are not valid JSON: {ex.Message.Split(". ")[0]}.");
            }
        }
        var input = new GenerationInput
        {
            Model = string.IsNullOrWhiteSpace(ask.Model) ? parent.Model : ask.Model,
            Prompt = ask.Prompt,
            NegativePrompt = ask.NegativePrompt,
            Parameters = parameters,
            ParentTakeId = ask.ParentTakeId,
            Relation = ask.Relation.ToString(),
        };
        var errors = new Dictionary<string, string[]>();
        return input.ToGeneration(errors) ?? throw new DomainException(string.Join(" ", errors.Values.SelectMany(m => m)));
    }

    /// <summary>One seed per take: the parent's, fresh ones picked here (so the request says exactly what to render), or the person's list.</summary>
    public static IReadOnlyList<long?> SeedsFor(GenerationAsk ask, long? parentSeed)
    {
        switch (ask.Seeds)
        {
            case SeedChoice.Keep:
                if (parentSeed is null)
                    throw new DomainException("The parent take has no recorded seed to keep: choose new seeds or list them.");
                return Enumerable.Repeat<long?>(parentSeed, ask.Count).ToList();
            case SeedChoice.List:
                var parts = (ask.SeedList ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var seeds = new List<long?>();
                foreach (var part in parts)
                {
                    // Digits only: the number parser would also take a trailing NUL, which no person types.
                    if (!part.All(char.IsAsciiDigit) || !long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                        throw new DomainException($"‘{(part.Length > 30 ? part[..30] + "…" : part)}’ is not a seed: list whole numbers of 0 or more, separated by commas.");
                    seeds.Add(seed);
                }
                if (seeds.Count != ask.Count)
                    throw new DomainException($"List one seed per take: {ask.Count} seed{(ask.Count == 1 ? "" : "s")}, not {seeds.Count}.");
                return seeds;
            default:
                // 32-bit seeds: what most video models take.
                return Enumerable.Range(0, ask.Count).Select(_ => (long?)RandomNumberGenerator.GetInt32(int.MaxValue)).ToList();
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>What an upload naming a request takes from it; one rule for checking an upload and for queueing it.</summary>
public static class RequestedTake
{
    /// <summary>
    /// <paramref name="generation"/> completed from its request: the parent and relation always (the request decided them),
    /// the model, prompts and parameters where the upload left them out. Refuses a request of another shot or one that
    /// no longer takes takes.
    /// </summary>
    public static async Task<GenerationInfo> ApplyAsync(ReviewRoomDbContext db, Guid projectId, Guid shotId, GenerationInfo generation, CancellationToken cancellationToken)
    {
        if (generation.RequestId is not { } requestId)
            return generation;
        var request = await db.GenerationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId && r.ProjectId == projectId, cancellationToken)
            ?? throw new DomainException("The requestId names no generation request of this project.");
        if (request.ShotId != shotId)
            throw new DomainException("That generation request is for another shot: upload the take to the shot it was asked for.");
        request.EnsureAcceptsTakes();
        var asked = request.Generation;
        return generation with
        {
            ParentTakeId = asked.ParentTakeId,
            Relation = asked.Relation,
            Model = generation.Model == GenerationInfo.Unknown.Model ? asked.Model : generation.Model,
            Prompt = generation.Prompt.Length == 0 ? asked.Prompt : generation.Prompt,
            NegativePrompt = generation.NegativePrompt ?? asked.NegativePrompt,
            ParametersJson = generation.ParametersJson == "{}" ? asked.ParametersJson : generation.ParametersJson,
        };
    }
}
