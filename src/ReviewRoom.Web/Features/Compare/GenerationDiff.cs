using System.Globalization;
using System.Text.Json;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Compare;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffPiece(string Text, DiffKind Kind);

public sealed record ParameterChange(string Name, string? Before, string? After);

/// <summary>What changed between two takes' generation: prompts word by word, and every setting that differs.</summary>
public static class GenerationDiff
{
    /// <summary>The style of a diff piece wherever a prompt's changes are drawn.</summary>
    public static string CssClass(DiffKind kind) => kind switch
    {
        DiffKind.Added => "rr-diff-added",
        DiffKind.Removed => "rr-diff-removed",
        _ => "",
    };

    public static IReadOnlyList<DiffPiece> Words(string? before, string? after)
    {
        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, chunker: WordChunker.Instance);
        var pieces = new List<DiffPiece>();
        foreach (var line in model.Lines)
        {
            var kind = line.Type switch
            {
                ChangeType.Inserted => DiffKind.Added,
                ChangeType.Deleted => DiffKind.Removed,
                _ => DiffKind.Same,
            };
            // Neighbouring pieces of one kind read better as one run.
            if (pieces.Count > 0 && pieces[^1].Kind == kind)
                pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + line.Text };
            else
                pieces.Add(new DiffPiece(line.Text ?? "", kind));
        }
        return pieces;
    }

    public static IReadOnlyList<ParameterChange> Parameters(GenerationInfo before, GenerationInfo after)
    {
        var changes = new List<ParameterChange>();
        void Compare(string name, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
                changes.Add(new ParameterChange(name, a, b));
        }

        Compare("model", before.Model, after.Model);
        Compare("seed", before.Seed?.ToString(CultureInfo.InvariantCulture), after.Seed?.ToString(CultureInfo.InvariantCulture));
        Compare("credits", before.CreditsSpent.ToString("0.##", CultureInfo.InvariantCulture), after.CreditsSpent.ToString("0.##", CultureInfo.InvariantCulture));
        var a = Settings(before.ParametersJson);
        var b = Settings(after.ParametersJson);
        foreach (var name in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
            Compare(name, a.GetValueOrDefault(name), b.GetValueOrDefault(name));
        return changes;
    }

    /// <summary>Top-level settings as text; JSON that is not an object counts as one setting named "parameters".</summary>
    private static Dictionary<string, string> Settings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                : new Dictionary<string, string> { ["parameters"] = document.RootElement.GetRawText() };
        }
        catch (JsonException)
        {
            return new Dictionary<string, string> { ["parameters"] = json };
        }
    }
}
