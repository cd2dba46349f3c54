namespace ReviewRoom.Core.Projects;

public enum TakeRelation
{
    /// <summary>Generated fresh, not derived from another take.</summary>
    Original = 0,

    /// <summary>Same prompt and model, new seed.</summary>
    ReRoll = 1,

    /// <summary>The parent's last frames carried on for more duration.</summary>
    Extend = 2,

    /// <summary>The parent with a changed prompt or parameters.</summary>
    Variation = 3,
}

/// <summary>How a take was generated: kept so the team can see lineage, diff prompts and cost a shot.</summary>
public sealed record GenerationInfo
{
    public static GenerationInfo Unknown { get; } = new() { Model = "unknown", Prompt = "" };

    public required string Model { get; init; }
    public required string Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public long? Seed { get; init; }

    /// <summary>The model's other settings (guidance, steps, motion...) as a JSON object, kept verbatim.</summary>
    public string ParametersJson { get; init; } = "{}";

    public Guid? ParentTakeId { get; init; }
    public TakeRelation Relation { get; init; } = TakeRelation.Original;
    public decimal CreditsSpent { get; init; }

    /// <summary>The generation request this take was made for, if it answered one.</summary>
    public Guid? RequestId { get; init; }

    public static string RelationDisplayName(TakeRelation relation) => relation switch
    {
        TakeRelation.ReRoll => "Re-roll",
        TakeRelation.Extend => "Extension",
        TakeRelation.Variation => "Variation",
        _ => "Original",
    };
}
