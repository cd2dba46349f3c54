using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewRoom.Core;
using ReviewRoom.Core.Generation;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;

namespace ReviewRoom.Web.Features.Generation;

/// <summary>One requested take: the seed to render it with, and the take that came for it once it has.</summary>
public sealed record ApiGenerationSlot(int Index, long? Seed, Guid? TakeId);

/// <summary>
/// A request for takes as the pipeline reads it: what to make (model, prompts, parameters, one seed per slot), from which
/// take and why (the notes it answers), and where it stands. Upload each take with <c>requestId</c> in its generation JSON.
/// </summary>
public sealed record ApiGenerationRequest(
    Guid Id,
    Guid ProjectId,
    Guid ShotId,
    string Shot,
    Guid ParentTakeId,
    string ParentVersion,
    string Relation,
    string Model,
    string Prompt,
    string? NegativePrompt,
    JsonElement Parameters,
    IReadOnlyList<ApiGenerationSlot> Slots,
    IReadOnlyList<Guid> AnsweredNoteIds,
    decimal? EstimatedCredits,
    string State,
    string RequestedBy,
    DateTime CreatedAt,
    DateTime ClaimBy,
    string? ClaimedBy,
    DateTime? LeaseExpiresAt,
    double Progress,
    string? ProgressMessage,
    string? FailureReason,
    DateTime? EndedAt)
{
    public static ApiGenerationRequest From(GenerationRequestView request)
    {
        var generation = ApiGeneration.From(request.Generation);
        return new(request.Id, request.ProjectId, request.ShotId, request.ShotCode, request.ParentTakeId, request.ParentLabel, generation.Relation, generation.Model,
            generation.Prompt, generation.NegativePrompt, generation.Parameters,
            request.Slots.Select(s => new ApiGenerationSlot(s.Index, s.Seed, s.TakeId)).ToList(), request.AnsweredNoteIds,
            request.Generation.CreditsSpent > 0 ? request.Generation.CreditsSpent : null, StateName(request.State), request.RequestedBy, request.CreatedAt,
            request.ClaimBy, request.ClaimedBy, request.LeaseExpiresAt, request.Progress, request.ProgressMessage, request.FailureReason, request.EndedAt);
    }

    public static string StateName(GenerationRequestState state) => state == GenerationRequestState.TimedOut ? "timed_out" : state.ToString().ToLowerInvariant();
}

public sealed record ApiGenerationProgress(double Progress, string? Message);

public sealed record ApiGenerationFailure(string? Reason);

public static class GenerationEndpoints
{
    public static void MapReviewRoomGeneration(this WebApplication app)
    {
        var requests = ApiSetup.PipelineGroup(app).MapGroup("/projects/{projectId:guid}/generation-requests").WithTags("Generation");
        requests.MapGet("", ListAsync).WithSummary("Requests for new takes: open and claimed ones unless 'state' names others (comma-separated, or 'all')");
        requests.MapGet("/{requestId:guid}", GetAsync).WithSummary("One request for new takes");
        requests.MapPost("/{requestId:guid}/claim", ClaimAsync)
            .WithSummary("Take a request to work on (scope: read + ingest); claiming again renews the lease")
            .WithDescription("The claim lapses after the lease (leaseExpiresAt) unless progress is reported; the request then waits for a pipeline again.");
        requests.MapPost("/{requestId:guid}/progress", ProgressAsync).WithSummary("Report how far the takes have got (0 to 1) and renew the lease");
        requests.MapPost("/{requestId:guid}/fail", FailAsync).WithSummary("Give a claimed request up, saying why; the room sees the reason");
        ApiSetup.PipelineGroup(app).MapGet("/projects/{projectId:guid}/model-report.csv", ModelReportAsync).WithTags("Exports")
            .WithSummary("What each model costs: takes, approval and circled rates, credits, credits per approved second, takes before approval; by model, by shot and in all (CSV)");
    }

    private static async Task<IResult> ModelReportAsync(Guid projectId, ClaimsPrincipal caller, ApiAccess access, ModelReportReader reports, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null || await reports.ReadAsync(projectId, ct) is not { } report)
            return ApiEndpoints.NoProject();
        return TypedResults.File(ModelReportReader.ToCsv(report).ToBytes(), "text/csv; charset=utf-8", "model-report.csv");
    }

    private static readonly Dictionary<string, GenerationRequestState> StatesByName =
        Enum.GetValues<GenerationRequestState>().ToDictionary(ApiGenerationRequest.StateName, StringComparer.OrdinalIgnoreCase);

    private static async Task<Results<Ok<IReadOnlyList<ApiGenerationRequest>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        Guid projectId, string? state, ClaimsPrincipal caller, ApiAccess access, GenerationQueries queries, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null)
            return ApiEndpoints.NoProject();
        List<GenerationRequestState> states = [GenerationRequestState.Open, GenerationRequestState.Claimed];
        if (!string.IsNullOrWhiteSpace(state))
        {
            states = [];
            foreach (var name in state.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (!StatesByName.TryGetValue(name, out var known))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["state"] = [$"Ask for request states by name: {string.Join(", ", StatesByName.Keys)}, or all (several separated by commas)."],
                    });
                states.Add(known);
            }
        }
        var list = await queries.GetForProjectAsync(projectId, states, ct);
        return TypedResults.Ok<IReadOnlyList<ApiGenerationRequest>>(list.Select(ApiGenerationRequest.From).ToList());
    }

    private static async Task<Results<Ok<ApiGenerationRequest>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid requestId, ClaimsPrincipal caller, ApiAccess access, GenerationQueries queries, CancellationToken ct)
    {
        if (await access.GetAsync(caller.ToActor(), projectId, ct) is null)
            return ApiEndpoints.NoProject();
        return await queries.GetAsync(requestId, ct) is { } request && request.ProjectId == projectId
            ? TypedResults.Ok(ApiGenerationRequest.From(request))
            : NoRequest();
    }

    private static Task<Results<Ok<ApiGenerationRequest>, ProblemHttpResult, ValidationProblem>> ClaimAsync(Guid projectId, Guid requestId, ClaimsPrincipal caller,
        GenerationCommands commands, CancellationToken ct) =>
        AnswerAsync(() => commands.ClaimAsync(caller.ToActor(), projectId, requestId, ct), "The request cannot be claimed");

    private static async Task<Results<Ok<ApiGenerationRequest>, ProblemHttpResult, ValidationProblem>> ProgressAsync(Guid projectId, Guid requestId,
        ApiGenerationProgress report, ClaimsPrincipal caller, GenerationCommands commands, CancellationToken ct)
    {
        if (double.IsNaN(report.Progress) || report.Progress is < 0 or > 1)
            return Invalid("progress", "Progress is a fraction from 0 (started) to 1 (done).");
        if (report.Message?.Length > GenerationRequest.MaxProgressMessageLength)
            return Invalid("message", $"A progress message can be at most {GenerationRequest.MaxProgressMessageLength} characters.");
        if (report.Message?.Any(char.IsControl) == true)
            return Invalid("message", "A progress message is one line of plain text, without control characters.");
        return await AnswerAsync(() => commands.ReportProgressAsync(caller.ToActor(), projectId, requestId, report.Progress, report.Message, ct), "The progress was not recorded");
    }

    private static async Task<Results<Ok<ApiGenerationRequest>, ProblemHttpResult, ValidationProblem>> FailAsync(Guid projectId, Guid requestId,
        ApiGenerationFailure failure, ClaimsPrincipal caller, GenerationCommands commands, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(failure.Reason))
            return Invalid("reason", "Say why the takes could not be made: the room reads it.");
        if (failure.Reason.Length > GenerationRequest.MaxReasonLength)
            return Invalid("reason", $"A reason can be at most {GenerationRequest.MaxReasonLength} characters.");
        if (failure.Reason.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            return Invalid("reason", "A reason is plain text: lines, but no other control characters.");
        return await AnswerAsync(() => commands.FailAsync(caller.ToActor(), projectId, requestId, failure.Reason, ct), "The request cannot be failed");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The report needs fixing");

    private static async Task<Results<Ok<ApiGenerationRequest>, ProblemHttpResult, ValidationProblem>> AnswerAsync(Func<Task<GenerationRequestView>> command, string ruleTitle)
    {
        try
        {
            return TypedResults.Ok(ApiGenerationRequest.From(await command()));
        }
        catch (DomainException ex) when (ex.Problem == DomainProblem.BrokenRule && ex is not RateLimitedException)
        {
            // The request is not in a state for this (claimed by another pipeline, already ended): a conflict, not bad input.
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: ruleTitle);
        }
        catch (DomainException ex)
        {
            return ApiEndpoints.Refused(ex, ruleTitle);
        }
    }

    private static ProblemHttpResult NoRequest() =>
        TypedResults.Problem("That generation request does not exist in this project.", statusCode: StatusCodes.Status404NotFound, title: "No such request");
}
