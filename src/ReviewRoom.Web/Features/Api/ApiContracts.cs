using System.Text.Json;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;

namespace ReviewRoom.Web.Features.Api;

/// <summary>A project as the pipeline API lists it.</summary>
public sealed record ApiProject(Guid Id, string Name, string Description, int ShotCount, int TakeCount);

public sealed record ApiShot(Guid Id, int Order, string Code, string SceneLabel, string Description, int TakeCount, string Status, Guid? CircledTakeId, decimal CreditsSpent);

/// <summary>What a take was made with. Parameters are the model's own settings, verbatim.</summary>
public sealed record ApiGeneration(string Model, string Prompt, string? NegativePrompt, long? Seed, JsonElement Parameters, Guid? ParentTakeId, string Relation, decimal Credits)
{
    public static ApiGeneration From(GenerationInfo generation)
    {
        using var parameters = JsonDocument.Parse(string.IsNullOrWhiteSpace(generation.ParametersJson) ? "{}" : generation.ParametersJson);
        return new(generation.Model, generation.Prompt, generation.NegativePrompt, generation.Seed, parameters.RootElement.Clone(), generation.ParentTakeId,
            generation.Relation.ToString().ToLowerInvariant(), generation.CreditsSpent);
    }
}

/// <summary>A take: frame rate as a rational ("24000/1001"), length in frames and as SMPTE timecode.</summary>
public sealed record ApiTake(Guid Id, Guid ShotId, int Version, string VersionLabel, string FrameRate, long DurationFrames, string Duration,
    int Width, int Height, string Status, bool Circled, ApiGeneration Generation, DateTime CreatedAt);

public sealed record ApiJob(Guid Id, Guid ShotId, string FileName, string State, string Stage, double Progress, string? Error, Guid? TakeId)
{
    public static ApiJob From(IngestJob job) => new(job.Id, job.ShotId, job.OriginalFileName, job.State.ToString().ToLowerInvariant(), job.Stage, job.Progress, job.Error, job.TakeId);
}

public sealed record ApiNote(Guid Id, Guid? ParentId, long FrameIn, long FrameOut, string Timecode, string Author, string AuthorRole, string Body,
    bool Resolved, DateTime CreatedAt);

public sealed record ApiDecision(string Reviewer, string Role, string Decision, string? Comment, DateTime DecidedAt);

public sealed record ApiTakeReview(Guid TakeId, string Status, IReadOnlyList<ApiDecision> Decisions);

public sealed record ApiCircled(Guid ShotId, Guid? TakeId, int? Version, string? Reason, string? By, DateTime? At, bool Approved);

/// <summary>A new shot, placed after the last one.</summary>
public sealed record ApiNewShot(string Code, string? SceneLabel, string? Description);

internal static class ApiMapping
{
    public static string StatusName(TakeStatus status) => status switch
    {
        TakeStatus.NotReviewed => "not_reviewed",
        TakeStatus.InReview => "in_review",
        TakeStatus.ChangesRequested => "changes_requested",
        _ => status.ToString().ToLowerInvariant(),
    };
}
