using ReviewRoom.TestHost;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Activity;

namespace ReviewRoom.UnitTests.Core.Rooms;

/// <summary>
/// The event records, their wire names, the activity feed and the README's event table must agree: a new
/// event type that misses one of them fails here, not in a producer's activity feed or a pipeline's webhook.
/// </summary>
public partial class RoomEventCatalogTests
{
    private static readonly string[] WireNames = typeof(RoomEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Fact]
    public void EveryWireName_HasExactlyOneRecord()
    {
        var catalogued = RoomEventCatalog.All.Select(e => e.WireName).ToList();

        Assert.Equal(WireNames.Order(), catalogued.Order());
        Assert.Equal(catalogued.Count, catalogued.Distinct().Count());
    }

    [Fact]
    public void EveryEventRecord_IsCatalogued()
    {
        var records = typeof(IRoomEvent).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(IRoomEvent)) && !t.IsAbstract && !t.IsInterface);

        Assert.Equal(records.Select(t => t.Name).Order(), RoomEventCatalog.All.Select(e => e.Record.Name).Order());
    }

    public static TheoryData<string> AllWireNames() => [.. WireNames];

    [Theory]
    [MemberData(nameof(AllWireNames))]
    public void EveryEvent_ReadsBackAsItWasWritten(string wireName)
    {
        var json = SamplePayload(wireName);

        var read = RoomEventCatalog.Read(wireName, json)!;

        Assert.Equal(wireName, RoomEventCatalog.WireNameOf(read));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(RoomEventCatalog.ToJson(read))), $"{wireName} changed on a round trip");
    }

    [Theory]
    [MemberData(nameof(AllWireNames))]
    public void EveryEvent_HasAnActivitySentence(string wireName)
    {
        var takeId = Guid.Parse(SampleGuid);
        var labels = new Dictionary<Guid, TakeLabel> { [takeId] = new(takeId, Guid.NewGuid(), "SH010", 2, FrameRate.Fps24) };
        var stored = new RoomEvent(Guid.NewGuid(), 1, wireName, SamplePayload(wireName), Guid.NewGuid(), null, DateTime.UtcNow);

        var item = ActivityDescriber.Describe(stored, labels, _ => "Dana Reyes");

        Assert.NotEqual(wireName, item.Text);
        Assert.False(string.IsNullOrWhiteSpace(item.Text));
    }

    [Fact]
    public void ReadmeEventTable_ListsEveryTypeWithItsPayload()
    {
        var documented = ReadmeEventTable();

        Assert.Equal(WireNames.Order(), documented.Keys.Order());
        foreach (var (wireName, _, shape) in RoomEventCatalog.All)
            Assert.True(WireFields(shape).SetEquals(documented[wireName]),
                $"README documents {wireName} as {{ {string.Join(", ", documented[wireName])} }} but it is {{ {string.Join(", ", WireFields(shape))} }}");
    }

    [Fact]
    public void Read_UnknownWireName_IsNullNotAnError() =>
        Assert.Null(RoomEventCatalog.Read("something.new", "{}"));

    [Fact]
    public void ToJson_UncataloguedRecord_SaysWhereToNameIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RoomEventCatalog.ToJson(new Uncatalogued()));

        Assert.Contains(nameof(RoomEventCatalog), error.Message);
    }

    private sealed record Uncatalogued : IRoomEvent;

    private const string SampleGuid = "3f2b0c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b";

    private static HashSet<string> WireFields(Type shape) =>
        RoomEventCatalog.Json.GetTypeInfo(shape).Properties.Select(p => p.Name).ToHashSet();

    /// <summary>A payload with every field filled, built from the record's JSON contract.</summary>
    private static string SamplePayload(string wireName)
    {
        var shape = RoomEventCatalog.All.Single(e => e.WireName == wireName).WireShape;
        var sample = new JsonObject();
        foreach (var property in RoomEventCatalog.Json.GetTypeInfo(shape).Properties)
            sample[property.Name] = SampleValue(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        return sample.ToJsonString();
    }

    private static JsonNode SampleValue(Type type) => type switch
    {
        _ when type == typeof(Guid) => SampleGuid,
        _ when type == typeof(string) => "SH010",
        _ when type == typeof(int) || type == typeof(long) => 2,
        _ when type == typeof(decimal) => 12.5m,
        _ when type == typeof(double) => 0.25,
        _ when type == typeof(bool) => true,
        _ when type == typeof(DateTime) => "2026-01-02T03:04:05Z",
        { IsEnum: true } => Enum.GetNames(type)[0],
        _ when type == typeof(ReviewRoom.Core.Notes.Drawing) => JsonSerializer.SerializeToNode(
            new ReviewRoom.Core.Notes.Drawing([new(ReviewRoom.Core.Notes.DrawingTool.Arrow, [new(0.25, 0.5), new(0.75, 0.5)], "#ff3b30", 6)]), RoomEventCatalog.Json)!,
        _ when type.IsGenericType && type.GetGenericArguments() is [var item] && type.IsAssignableTo(typeof(System.Collections.IEnumerable)) =>
            new JsonArray(SampleValue(item)),
        _ => throw new InvalidOperationException($"No sample for {type.Name}: teach {nameof(SampleValue)} about it."),
    };

    /// <summary>The README's event table: each backticked type in a row's first cell, and the fields of the first <c>{ ... }</c> in its second.</summary>
    private static Dictionary<string, HashSet<string>> ReadmeEventTable()
    {
        var readme = File.ReadAllText(Repository.PathTo("README.md"));
        var table = readme[readme.IndexOf("| type | payload |", StringComparison.Ordinal)..];
        var rows = table.Split('\n').Skip(2).TakeWhile(line => line.StartsWith('|'));
        var documented = new Dictionary<string, HashSet<string>>();
        foreach (var row in rows)
        {
            var cells = row.Split('|');
            var fields = Braces().Match(cells[2]).Groups[1].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            foreach (Match type in Backticked().Matches(cells[1]))
                documented.Add(type.Groups[1].Value, fields);
        }
        return documented;
    }

    [GeneratedRegex(@"`\{([^}]*)\}`")]
    private static partial Regex Braces();

    [GeneratedRegex(@"`([a-z_.]+)`")]
    private static partial Regex Backticked();
}
