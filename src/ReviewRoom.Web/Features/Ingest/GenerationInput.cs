using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>
/// Generation metadata as pipelines and people send it (JSON). One reader for the upload dialog, the
/// resumable upload and the multipart API, so they accept and refuse exactly the same things.
/// </summary>
public sealed record GenerationInput
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public long? Seed { get; init; }

    /// <summary>Any other settings (guidance, steps, motion...), kept verbatim.</summary>
    public JsonElement? Parameters { get; init; }

    public Guid? ParentTakeId { get; init; }

    /// <summary>original, reroll, extend or variation. Defaults to reroll when a parent is named, else original.</summary>
    public string? Relation { get; init; }

    public decimal? Credits { get; init; }

    /// <summary>The generation request this take answers: its parent, relation and answered notes come from there.</summary>
    public Guid? RequestId { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = MaxDepth,
    };

    public const int MaxPromptLength = 20_000;
    public const int MaxModelLength = 200;

    /// <summary>The whole generation JSON, in characters: prompts and settings with room to spare.</summary>
    public const int MaxJsonLength = 256 * 1024;

    public const int MaxParametersLength = 64 * 1024;
    public const int MaxDepth = 32;
    public const decimal MaxCredits = 1_000_000_000;

    /// <summary>
    /// Reads <paramref name="json"/> (empty means "nothing known"). Problems come back per field, in
    /// the words a person fixing the JSON needs.
    /// </summary>
    public static GenerationInfo? TryParse(string? json, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(json))
            return GenerationInfo.Unknown;
        if (json.Length > MaxJsonLength)
        {
            errors["generation"] = [$"The generation JSON is larger than this server accepts ({MaxJsonLength / 1024} KB)."];
            return null;
        }
        GenerationInput? input;
        try
        {
            input = JsonSerializer.Deserialize<GenerationInput>(json, Json);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "generation";
            errors[field] = [ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"'{field}' is not a generation field. Known fields: model, prompt, negativePrompt, seed, parameters, parentTakeId, relation, credits, requestId."
                : ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                    ? $"The generation JSON is nested more than {MaxDepth} levels deep."
                    : $"This is not valid generation JSON: {FirstSentence(ex.Message)}"];
            return null;
        }
        return input is null ? GenerationInfo.Unknown : input.ToGeneration(errors);
    }

    public GenerationInfo? ToGeneration(Dictionary<string, string[]> errors)
    {
        var relation = TakeRelation.Original;
        if (Relation is { Length: > 0 } named)
        {
            relation = named.Replace("-", "").Replace("_", "").ToLowerInvariant() switch
            {
                "original" => TakeRelation.Original,
                "reroll" => TakeRelation.ReRoll,
                "extend" or "extension" => TakeRelation.Extend,
                "variation" => TakeRelation.Variation,
                _ => Fail(errors, "relation", $"'{named}' is not a relation: use original, reroll, extend or variation."),
            };
        }
        else if (ParentTakeId is not null)
        {
            relation = TakeRelation.ReRoll;
        }
        // A request says where the take comes from; what the upload says about it is replaced, so it is not checked.
        if (RequestId is null && relation != TakeRelation.Original && ParentTakeId is null)
            errors["parentTakeId"] = ["A re-roll, extension or variation names the take it came from."];
        if (RequestId is null && relation == TakeRelation.Original && ParentTakeId is not null && Relation is { Length: > 0 })
            errors["relation"] = ["An original take has no parent: say reroll, extend or variation, or leave parentTakeId out."];
        if (Credits < 0)
            errors["credits"] = ["Credits spent cannot be negative."];
        if (Credits > MaxCredits)
            errors["credits"] = [$"Credits spent cannot be more than {MaxCredits:N0}."];
        if (Model?.Length > MaxModelLength)
            errors["model"] = [$"The model name is longer than {MaxModelLength} characters."];
        else if (Model?.Any(char.IsControl) == true)
            errors["model"] = ["The model name contains control characters."];
        if (Prompt?.Length > MaxPromptLength)
            errors["prompt"] = [$"The prompt is longer than {MaxPromptLength:N0} characters."];
        if (NegativePrompt?.Length > MaxPromptLength)
            errors["negativePrompt"] = [$"The negative prompt is longer than {MaxPromptLength:N0} characters."];
        if (Parameters is { } parameters && parameters.ValueKind != JsonValueKind.Object)
            errors["parameters"] = ["Parameters must be a JSON object, such as {\"steps\": 30}."];
        else if (Parameters is { } settings && settings.GetRawText().Length > MaxParametersLength)
            errors["parameters"] = [$"Parameters are larger than {MaxParametersLength / 1024} KB."];
        if (errors.Count > 0)
            return null;
        return new GenerationInfo
        {
            Model = string.IsNullOrWhiteSpace(Model) ? "unknown" : Model.Trim(),
            Prompt = Prompt?.Trim() ?? "",
            NegativePrompt = string.IsNullOrWhiteSpace(NegativePrompt) ? null : NegativePrompt.Trim(),
            Seed = Seed,
            ParametersJson = Parameters?.GetRawText() ?? "{}",
            ParentTakeId = ParentTakeId,
            Relation = relation,
            CreditsSpent = Credits ?? 0,
            RequestId = RequestId,
        };
    }

    private static TakeRelation Fail(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return TakeRelation.Original;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
