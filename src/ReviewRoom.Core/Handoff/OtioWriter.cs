using System.Text.Json;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Handoff;

/// <summary>
/// OpenTimelineIO JSON (.otio; Timeline.1, Track.1, Clip.2, Marker.2, ExternalReference.1, as OpenTimelineIO 0.15 and
/// later read it): one video track of the circled takes in shot order, each clip pointing at its take's file, each note
/// thread a marker over its frames (a range note with its length), and how the take was made in the clip's metadata
/// under "reviewroom".
/// </summary>
public static class OtioWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static byte[] Write(HandoffCut cut)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("OTIO_SCHEMA", "Timeline.1");
            json.WriteStartObject("metadata");
            json.WriteStartObject("reviewroom");
            json.WriteString("project", cut.ProjectName);
            json.WriteString("rate", cut.Rate.ToString());
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("name", HandoffText.OneLine($"{cut.ProjectName} - circled takes", 200));
            json.WritePropertyName("global_start_time");
            RationalTime(json, cut.StartFrame, cut.Rate);
            json.WritePropertyName("tracks");
            Composition(json, "Stack.1", "tracks", kind: null, () =>
                Composition(json, "Track.1", "V1", kind: "Video", () =>
                {
                    foreach (var clip in cut.Clips)
                        Clip(json, clip.Take);
                }));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Composition(Utf8JsonWriter json, string schema, string name, string? kind, Action children)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", schema);
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteString("name", name);
        json.WriteNull("source_range");
        json.WriteStartArray("effects");
        json.WriteEndArray();
        json.WriteStartArray("markers");
        json.WriteEndArray();
        json.WriteBoolean("enabled", true);
        if (kind is not null)
            json.WriteString("kind", kind);
        json.WriteStartArray("children");
        children();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Clip(Utf8JsonWriter json, HandoffTake take)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "Clip.2");
        json.WriteStartObject("metadata");
        json.WritePropertyName("reviewroom");
        Generation(json, take);
        json.WriteEndObject();
        json.WriteString("name", take.Name);
        json.WritePropertyName("source_range");
        TimeRange(json, 0, take.DurationFrames, take.Rate);
        json.WriteStartArray("effects");
        json.WriteEndArray();
        json.WriteStartArray("markers");
        foreach (var (head, replies) in take.Threads())
            Marker(json, head, replies, take.Rate);
        json.WriteEndArray();
        json.WriteBoolean("enabled", true);
        json.WriteStartObject("media_references");
        json.WriteStartObject("DEFAULT_MEDIA");
        json.WriteString("OTIO_SCHEMA", "ExternalReference.1");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteString("name", take.FileName);
        json.WritePropertyName("available_range");
        TimeRange(json, 0, take.DurationFrames, take.Rate);
        json.WriteNull("available_image_bounds");
        json.WriteString("target_url", take.MediaUrl);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("active_media_reference_key", "DEFAULT_MEDIA");
        json.WriteEndObject();
    }

    private static void Marker(Utf8JsonWriter json, HandoffNote head, IReadOnlyList<HandoffNote> replies, FrameRate rate)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "Marker.2");
        json.WriteStartObject("metadata");
        json.WriteStartObject("reviewroom");
        json.WriteString("note_id", head.Id);
        json.WriteString("author", head.Author);
        json.WriteString("role", Projects.ProjectRolePolicy.DisplayName(head.Role));
        json.WriteBoolean("resolved", head.Resolved);
        json.WriteString("link", head.Link);
        json.WriteString("markdown", HandoffText.Printable(head.Markdown));
        json.WriteStartArray("replies");
        foreach (var reply in replies)
        {
            json.WriteStartObject();
            json.WriteString("author", reply.Author);
            json.WriteString("role", Projects.ProjectRolePolicy.DisplayName(reply.Role));
            json.WriteString("text", HandoffText.Printable(reply.PlainText));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("name", HandoffText.OneLine(HandoffText.MarkerText(head, replies.Count), 1000));
        json.WriteString("color", head.Resolved ? "GREEN" : "RED");
        json.WritePropertyName("marked_range");
        TimeRange(json, head.FrameIn, head.FrameCount, rate);
        json.WriteString("comment", HandoffText.Printable(head.PlainText));
        json.WriteEndObject();
    }

    private static void Generation(Utf8JsonWriter json, HandoffTake take)
    {
        var generation = take.Generation;
        json.WriteStartObject();
        json.WriteString("take_id", take.TakeId);
        json.WriteString("shot", take.ShotCode);
        json.WriteString("version", take.VersionLabel);
        json.WriteString("status", take.Status);
        json.WriteString("link", take.Link);
        json.WriteString("rate", take.Rate.ToString());
        json.WriteString("model", generation.Model);
        json.WriteString("prompt", HandoffText.Printable(generation.Prompt));
        if (generation.NegativePrompt is { } negative)
            json.WriteString("negative_prompt", HandoffText.Printable(negative));
        if (generation.Seed is { } seed)
            json.WriteNumber("seed", seed);
        json.WritePropertyName("parameters");
        try
        {
            using var parameters = JsonDocument.Parse(generation.ParametersJson);
            parameters.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(generation.ParametersJson);
        }
        json.WriteString("relation", Projects.GenerationInfo.RelationDisplayName(generation.Relation));
        if (take.ParentVersionLabel is { } parent)
            json.WriteString("parent_version", parent);
        if (generation.ParentTakeId is { } parentId)
            json.WriteString("parent_take_id", parentId);
        json.WriteNumber("credits", generation.CreditsSpent);
        json.WriteEndObject();
    }

    private static void TimeRange(Utf8JsonWriter json, long start, long duration, FrameRate rate)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "TimeRange.1");
        json.WritePropertyName("start_time");
        RationalTime(json, start, rate);
        json.WritePropertyName("duration");
        RationalTime(json, duration, rate);
        json.WriteEndObject();
    }

    private static void RationalTime(Utf8JsonWriter json, long frames, FrameRate rate)
    {
        json.WriteStartObject();
        json.WriteString("OTIO_SCHEMA", "RationalTime.1");
        json.WriteNumber("rate", rate.FramesPerSecond);
        json.WriteNumber("value", (double)frames);
        json.WriteEndObject();
    }
}
