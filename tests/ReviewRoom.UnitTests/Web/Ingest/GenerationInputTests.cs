using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Features.Ingest;

namespace ReviewRoom.UnitTests.Web.Ingest;

public class GenerationInputTests
{
    [Fact]
    public void TryParse_FullJson_ReadsEveryField()
    {
        var parent = Guid.NewGuid();
        var generation = GenerationInput.TryParse($$"""
            { "model": "kling-2", "prompt": " A lantern ", "negativePrompt": "blur", "seed": 42,
              "parameters": {"steps": 30, "motion": "low"}, "parentTakeId": "{{parent}}", "relation": "re-roll", "credits": 1.25 }
            """, out var errors);

        Assert.Empty(errors);
        Assert.Equal(("kling-2", "A lantern", "blur", 42L), (generation!.Model, generation.Prompt, generation.NegativePrompt, generation.Seed!.Value));
        Assert.Equal((parent, TakeRelation.ReRoll, 1.25m), (generation.ParentTakeId!.Value, generation.Relation, generation.CreditsSpent));
        Assert.Equal("""{"steps": 30, "motion": "low"}""", generation.ParametersJson);
    }

    [Fact]
    public void TryParse_Empty_IsUnknownGeneration()
    {
        Assert.Same(GenerationInfo.Unknown, GenerationInput.TryParse("  ", out var errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void TryParse_ParentWithoutRelation_IsAReRoll()
    {
        var generation = GenerationInput.TryParse($$"""{"parentTakeId":"{{Guid.NewGuid()}}"}""", out _);

        Assert.Equal(TakeRelation.ReRoll, generation!.Relation);
    }

    [Theory]
    [InlineData("""{"modle":"x"}""", "modle", "not a generation field")]
    [InlineData("""{"seed":"abc"}""", "seed", "not valid generation JSON")]
    [InlineData("""{"relation":"extend"}""", "parentTakeId", "names the take it came from")]
    [InlineData("""{"credits":-1}""", "credits", "cannot be negative")]
    [InlineData("""{"parameters":[1,2]}""", "parameters", "JSON object")]
    [InlineData("""{"model":""", "model", "not valid generation JSON")]
    [InlineData("""[1]""", "generation", "not valid generation JSON")]
    public void TryParse_Mistake_NamesTheFieldAndWhatIsWrong(string json, string field, string message)
    {
        var generation = GenerationInput.TryParse(json, out var errors);

        Assert.Null(generation);
        Assert.Contains(message, Assert.Contains(field, errors).Single());
    }

    public static TheoryData<string, string> Oversized => new()
    {
        { $$"""{"negativePrompt": "{{new string('n', GenerationInput.MaxPromptLength + 1)}}"}""", "negativePrompt" },
        { $$"""{"prompt": "{{new string('p', GenerationInput.MaxPromptLength + 1)}}"}""", "prompt" },
        { $$"""{"model": "{{new string('m', 201)}}"}""", "model" },
        { "{\"parameters\": {\"blob\": \"" + new string('x', GenerationInput.MaxParametersLength) + "\"}}", "parameters" },
        { "{\"parameters\": " + string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 41), "parameters" },
        { $$"""{"prompt": "{{new string('p', GenerationInput.MaxJsonLength)}}"}""", "generation" },
        { """{"credits": 1e30}""", "credits" },
        { """{"seed": "forty-two"}""", "seed" },
        { """{"parentTakeId": "../../etc/passwd"}""", "parentTakeId" },
        { """[1,2,3]""", "generation" },
        { """{"model": null, "prompt": 5}""", "prompt" },
        { "{\"model\": \"\u0000\"", "model" },
        { "{\"model\": \"veo\\u0000\\u001b[31m\"}", "model" },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public void TryParse_OversizeOrMalformed_IsRefusedNamingTheField(string json, string field)
    {
        var generation = GenerationInput.TryParse(json, out var errors);

        Assert.Null(generation);
        Assert.Contains(errors.Keys, key => key.Contains(field, StringComparison.OrdinalIgnoreCase));
    }
}
