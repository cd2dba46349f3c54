using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>Hub payloads from a hand-written client: every malformed call gets a sentence, and the server stays healthy.</summary>
public sealed class HubAbuseTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private const int Director = 0;

    private async Task<(LivePerson Person, HubConnection Hub)> ConnectAsync(int person = Director)
    {
        var signedIn = await fixture.SignInAsync(person);
        var hub = signedIn.CreateHubConnection();
        await hub.StartAsync();
        return (signedIn, hub);
    }

    public static TheoryData<string, object?[], string> Malformed => new()
    {
        { nameof(ReviewHub.AddNote), [null], "needs request" },
        { nameof(ReviewHub.AddNote), [new { takeId = "not-an-id", frameIn = 1, body = "x" }], "cannot read" },
        { nameof(ReviewHub.AddNote), [new { takeId = Guid.NewGuid(), frameIn = "twelve", body = "x" }], "cannot read" },
        { nameof(ReviewHub.AddNote), [new { takeId = Guid.NewGuid(), frameIn = 1 }], "needs body" },
        { nameof(ReviewHub.AddNote), [new { takeId = Guid.NewGuid(), frameIn = -5, body = "x" }], "frame in must be a frame number" },
        { nameof(ReviewHub.AddNote), [new { takeId = Guid.NewGuid(), frameIn = long.MaxValue, body = "x" }], "frame number from 0" },
        { nameof(ReviewHub.AddNote), [new { takeId = Guid.NewGuid(), frameIn = 1, body = new string('x', 40_000) }], "at most 32,768" },
        { nameof(ReviewHub.AddNote), [], "wrong number of arguments" },
        { nameof(ReviewHub.AddNote), [1, 2, 3], "the AddNoteRequest object" },
        { nameof(ReviewHub.Decide), [new { takeId = Guid.NewGuid(), kind = 99 }], "not a known kind" },
        { nameof(ReviewHub.Decide), [new { takeId = Guid.NewGuid(), kind = "Maybe" }], "cannot read" },
        { nameof(ReviewHub.JoinProject), [DemoProject.Id], "wrong number of arguments" },
        { nameof(ReviewHub.JoinProject), [DemoProject.Id, -1], "after sequence must be" },
        { nameof(ReviewHub.SetPresence), [DemoProject.Id, null, -3, false], "frame must be a frame number" },
        { nameof(ReviewHub.Vote), [null, true], "cannot read" },
        { nameof(ReviewHub.EditNote), [new { noteId = Guid.NewGuid(), expectedVersion = "v2", body = "x" }], "cannot read" },
        { nameof(ReviewHub.ChangePolicy), [DemoProject.Id, null], "needs policy" },
        { nameof(ReviewHub.Circle), [new { shotId = Guid.NewGuid(), takeId = Guid.NewGuid(), confirmNotApproved = "yes" }], "cannot read" },
        { "NoSuchMethod", [1], "cannot read" },
        { nameof(ReviewHub.GetEventsAfter), [DemoProject.Id, "ten"], "cannot read" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedCall_GetsASentenceForPeople_AndTheConnectionLives(string method, object?[] arguments, string expected)
    {
        var (_, hub) = await ConnectAsync();
        await using var _ = hub;

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeCoreAsync<object?>(method, arguments));

        Assert.True(refused.Message.Contains(expected, StringComparison.Ordinal), refused.Message);
        Assert.DoesNotContain("Failed to invoke", refused.Message);
        Assert.DoesNotContain("NullReference", refused.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        var joined = await hub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        Assert.Equal(DemoProject.Id, joined.ProjectId);
    }

    [Fact]
    public async Task ANoteDrawing_IsStoredSentAndExported_AndHostileDrawingsOrExportsAreRefused()
    {
        var (person, hub) = await ConnectAsync();
        await using var _ = hub;
        var takeId = await fixture.TakeIdAsync("sh040_v002");
        var drawing = new
        {
            shapes = new object[]
            {
                new { tool = "arrow", points = new[] { new { x = 0.2, y = 0.3 }, new { x = 0.6, y = 0.7 } }, color = "#FF3B30", width = 6 },
                new { tool = "text", points = new[] { new { x = 0.5, y = 0.5 } }, color = "#ffffff", width = 3, text = "<script>alert(1)</script>" },
            },
        };

        var note = await hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote),
            new { takeId, frameIn = 37L, frameOut = (long?)null, body = "Lantern flares", idempotencyKey = (string?)null, drawing });

        Assert.Equal(DrawingTool.Arrow, note.Drawing!.Shapes[0].Tool);
        Assert.Equal("#ff3b30", note.Drawing.Shapes[0].Color);
        var stored = (await fixture.App.Services.GetRequiredService<NoteQueries>().GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false))
            .Single(n => n.Id == note.Id);
        Assert.Equal("<script>alert(1)</script>", stored.Drawing!.Shapes[1].Text);
        // Text on the picture is escaped where it becomes markup.
        var svg = ReviewRoom.Web.Features.Notes.Services.DrawingSvg.Shapes([stored.Drawing], 1920, 1080);
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);

        var countBefore = (await fixture.App.Services.GetRequiredService<NoteQueries>().GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false)).Count;
        foreach (var hostile in new object[]
        {
            new { shapes = new[] { new { tool = "arrow", points = new[] { new { x = 9.0, y = 0.3 }, new { x = 0.6, y = 0.7 } }, color = "#ff3b30", width = 6 } } },
            new { shapes = new[] { new { tool = "line", points = new[] { new { x = 0.1, y = 0.3 }, new { x = 0.6, y = 0.7 } }, color = "url(javascript:x)", width = 6 } } },
            new { shapes = new[] { new { tool = "rectangle", points = new[] { new { x = 0.1, y = 0.3 } }, color = "#ff3b30", width = 6 } } },
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote),
                new { takeId, frameIn = 37L, frameOut = (long?)null, body = "x", idempotencyKey = (string?)null, drawing = hostile }));
            Assert.DoesNotContain("Failed to invoke", refused.Message);
        }
        var unknownTool = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote),
            new { takeId, frameIn = 37L, body = "x", drawing = new { shapes = new[] { new { tool = "laser", points = Array.Empty<object>(), color = "#ff3b30", width = 6 } } } }));
        Assert.Contains("cannot read", unknownTool.Message, StringComparison.Ordinal);
        Assert.Equal(countBefore, (await fixture.App.Services.GetRequiredService<NoteQueries>().GetForTakeAsync(takeId, Guid.Empty, viewerIsAdmin: false)).Count);
        Assert.Equal(HubConnectionState.Connected, hub.State);

        // The frame with the drawing, as a PNG made by ffmpeg: whole, and as the note's thumbnail.
        var frame = ReviewRoom.Web.Features.Media.FrameExports.Url(takeId, 37, note.Id);
        using (var png = await person.Http.GetAsync(frame))
        {
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
            Assert.EndsWith("_f37.png", png.Content.Headers.ContentDisposition?.FileNameStar ?? png.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }
        using (var thumbnail = await person.Http.GetAsync(ReviewRoom.Web.Features.Media.FrameExports.Url(takeId, 37, note.Id, thumbnail: true)))
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        foreach (var (url, status) in new[]
        {
            ($"/media/takes/{takeId}/frames/37.png?note={note.Id}&width=9999", HttpStatusCode.BadRequest),
            ($"/media/takes/{takeId}/frames/38.png?note={note.Id}", HttpStatusCode.NotFound),
            ($"/media/takes/{takeId}/frames/37.png?note={Guid.NewGuid()}", HttpStatusCode.NotFound),
            ($"/media/takes/{takeId}/frames/-1.png", HttpStatusCode.NotFound),
            ($"/media/takes/{takeId}/frames/99999999.png", HttpStatusCode.NotFound),
            ($"/media/takes/{Guid.NewGuid()}/frames/0.png", HttpStatusCode.NotFound),
        })
        {
            using var refused = await person.Http.GetAsync(url);
            Assert.True(refused.StatusCode == status, $"{url}: {refused.StatusCode}");
        }
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = person.BaseAddress };
        using var anonymous = await stranger.GetAsync(frame);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task UnknownEnumValue_IsRefusedAndStoresNothing()
    {
        var (_, hub) = await ConnectAsync();
        await using var _ = hub;
        var takeId = await fixture.TakeIdAsync("sh040_v002");
        var before = await hub.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, (DecisionKind)99, null, null)));

        var after = await hub.InvokeAsync<ProjectReviewState>(nameof(ReviewHub.GetReviewState), DemoProject.Id);
        Assert.Equal(before.Takes[takeId].Current.Count, after.Takes[takeId].Current.Count);
    }
}

/// <summary>Budgets per connection, per person and per sign-in, with low limits so the test reaches them quickly.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ReviewRoomAppFactory _app = new(settings: new()
    {
        ["RateLimits:HubMessagesPerSecond"] = "3",
        ["RateLimits:HubConnectionsPerPerson"] = "2",
        ["RateLimits:CommandsPerMinute"] = "3",
        ["RateLimits:SignInPerAccountAndAddress"] = "4",
    });

    private readonly Uri _address;

    public RateLimitTests() => _address = _app.StartOnFreePort();

    public void Dispose() => _app.Dispose();

    private Task<LivePerson> SignInAsync(int person) => LivePerson.SignInAsync(_address, DemoPeople.All[person].Email, DemoPeople.Password);

    [Fact]
    public async Task HubMessagesOverTheBudget_AreRefusedInWords()
    {
        await using var person = await SignInAsync(0);
        await using var hub = person.CreateHubConnection();
        await hub.StartAsync();

        var results = new List<Exception?>();
        for (var i = 0; i < 12; i++)
            results.Add(await Record.ExceptionAsync(() => hub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L)));

        var refusal = Assert.IsType<HubException>(results.First(r => r is not null));
        Assert.Contains("faster than this server allows (3 a second)", refusal.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task ConnectionsOverTheBudget_AreRefused()
    {
        await using var person = await SignInAsync(1);
        await using var first = person.CreateHubConnection();
        await using var second = person.CreateHubConnection();
        await using var third = person.CreateHubConnection();
        await first.StartAsync();
        await second.StartAsync();

        var closed = new TaskCompletionSource<Exception?>();
        third.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        var started = await Record.ExceptionAsync(() => third.StartAsync());
        if (started is null)
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.NotEqual(HubConnectionState.Connected, third.State);
        Assert.Equal(HubConnectionState.Connected, first.State);

        // A connection that closes is counted out, so the person may open another in its place.
        await first.StopAsync();
        await Eventually.UntilAsync(async () =>
        {
            await using var again = person.CreateHubConnection();
            try
            {
                await again.StartAsync();
                await again.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
                return true;
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or TaskCanceledException)
            {
                return false;
            }
        }, "a new connection in place of the closed one", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CommandsOverTheBudget_AreRefusedSayingWhenToRetry()
    {
        await using var person = await SignInAsync(2);
        await using var hub = person.CreateHubConnection();
        await hub.StartAsync();
        var takeId = await TakeIdAsync();

        var errors = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            try { await hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, i, null, $"note {i}", null)); }
            catch (HubException ex) { errors.Add(ex.Message); }
        }

        Assert.Equal(2, errors.Count);
        Assert.All(errors, message => Assert.Contains("(3 a minute). Try again in", message));
    }

    [Fact]
    public async Task SignInGuessing_IsSlowedForThatAccountAndAddress_ButAColleagueStillSignsIn()
    {
        using var http = new HttpClient { BaseAddress = _address };
        var victim = DemoPeople.All[3].Email;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/session", new { email = victim, password = "wrong-guess" });
            statuses.Add(response.StatusCode);
        }
        using var unknown = await http.PostAsJsonAsync("/api/session", new { email = "nobody@studio.test", password = "wrong-guess" });
        using var limited = await http.PostAsJsonAsync("/api/session", new { email = victim, password = "wrong-guess" });
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(4));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Too many sign-in attempts", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode); // unknown emails answer like known ones
        // Failures never lock the account: a colleague (and the victim, elsewhere) are unaffected.
        await using var colleague = await SignInAsync(4);
        Assert.NotNull(colleague);
    }

    private async Task<Guid> TakeIdAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Takes.Where(t => t.MediaPath == DemoProject.MediaPathOf("sh020_v001")).Select(t => t.Id).SingleAsync();
    }
}
