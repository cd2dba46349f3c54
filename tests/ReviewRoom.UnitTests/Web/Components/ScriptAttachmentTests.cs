using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ReviewRoom.Web.Components;

namespace ReviewRoom.UnitTests.Web.Components;

/// <summary>
/// What crosses to a page script: plain data as JSON made once for the whole server (so no open page builds its own
/// metadata for it), references the JS runtime has to track as they are.
/// </summary>
public sealed class ScriptAttachmentTests
{
    private static readonly string[] Seats = ["seat-a", "seat-b"];

    [Fact]
    public async Task Attaching_SendsPlainDataAsJson_AndReferencesAsTheyAre()
    {
        var js = new RecordingRuntime();
        var element = new ElementReference("video-1");
        using var callbacks = DotNetObjectReference.Create(new object());
        var attachment = new ScriptAttachment();

        await attachment.AttachAsync(js, "js/player.js", element, callbacks, new { numerator = 24000, durationFrames = 120L }, true, "label", null);

        var sent = js.Script.Calls.Single(c => c.Method == "attach").Arguments;
        Assert.Equal(element, sent[0]);
        Assert.Same(callbacks, sent[1]);
        var rate = Assert.IsType<JsonElement>(sent[2]);
        Assert.Equal("""{"numerator":24000,"durationFrames":120}""", rate.GetRawText());
        Assert.Equal(JsonValueKind.True, Assert.IsType<JsonElement>(sent[3]).ValueKind);
        Assert.Equal("label", sent[4]);
        Assert.Null(sent[5]);
        Assert.Equal("/js/player.js", js.Imported);
    }

    [Fact]
    public async Task Calls_BeforeAttaching_GoNowhere_AndAfterward_ReachTheHandleWithTheirArguments()
    {
        var js = new RecordingRuntime();
        var attachment = new ScriptAttachment();
        await attachment.CallAsync("setMode", "follow");
        Assert.Empty(js.Script.Calls);

        await attachment.AttachAsync(js, "js/session.js");
        await attachment.CallAsync("keepMarksOf", (object)Seats);
        await attachment.CallAsync("mark", "seat-a", 0.25, 0.75);

        var keep = js.Handle.Calls.Single(c => c.Method == "keepMarksOf").Arguments;
        Assert.Equal("""["seat-a","seat-b"]""", Assert.IsType<JsonElement>(Assert.Single(keep)).GetRawText());
        var mark = js.Handle.Calls.Single(c => c.Method == "mark").Arguments;
        Assert.Equal("seat-a", mark[0]);
        Assert.Equal(0.75, Assert.IsType<JsonElement>(mark[2]).GetDouble());
    }

    private sealed class RecordingRuntime : IJSRuntime
    {
        public RecordingObject Script { get; } = new();
        public RecordingObject Handle => Script.Handle;
        public string? Imported { get; private set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            Imported = (string?)args?[0];
            return ValueTask.FromResult((TValue)(object)Script);
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }

    private sealed class RecordingObject : IJSObjectReference
    {
        private RecordingObject? _handle;

        public RecordingObject Handle => _handle ??= new RecordingObject();
        public List<(string Method, object?[] Arguments)> Calls { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            Calls.Add((identifier, args ?? []));
            return ValueTask.FromResult(identifier == "attach" ? (TValue)(object)Handle : default!);
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
