using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.IntegrationTests.Rooms;

/// <summary>The app on a real port, one database per test class, people connected through real hub clients.</summary>
public sealed class LiveAppFixture : IDisposable
{
    public LiveAppFixture()
    {
        App = new ReviewRoomAppFactory();
        BaseAddress = App.StartOnFreePort();
    }

    public ReviewRoomAppFactory App { get; }
    public Uri BaseAddress { get; }

    public Task<LivePerson> SignInAsync(int demoPerson) =>
        LivePerson.SignInAsync(BaseAddress, DemoPeople.All[demoPerson].Email, DemoPeople.Password);

    public async Task<Guid> TakeIdAsync(string clip)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Takes.Where(t => t.MediaPath == ReviewRoom.Web.Features.Demo.DemoProject.MediaPathOf(clip)).Select(t => t.Id).SingleAsync();
    }

    /// <summary>The demo project's first member with <paramref name="role"/>, as commands see a caller (extra claims such as a role may be added).</summary>
    public async Task<Actor> MemberAsync(ReviewRoom.Core.Projects.ProjectRole role, params System.Security.Claims.Claim[] extra)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var userId = await db.ProjectMembers.Where(m => m.ProjectId == DemoProject.Id && m.Role == role).Select(m => m.UserId).FirstAsync();
        return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString()), .. extra], "test")).ToActor();
    }

    /// <summary>A client on the real port that sends <paramref name="secret"/> as its bearer token, no cookies, no redirects followed.</summary>
    public HttpClient BearerClient(string secret)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public void Dispose() => App.Dispose();
}

public class ReviewHubTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private const int Director = 0, Writer = 1, Viewer = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static async Task<(HubConnection Connection, ConcurrentQueue<RoomEventMessage> Received)> ConnectAsync(LivePerson person)
    {
        var connection = person.CreateHubConnection();
        var received = new ConcurrentQueue<RoomEventMessage>();
        connection.On<RoomEventMessage>(nameof(IReviewClient.RoomEvent), received.Enqueue);
        await connection.StartAsync();
        return (connection, received);
    }

    /// <summary>The director and the writer, each signed in with a hub connection.</summary>
    private sealed class Pair(LivePerson director, LivePerson writer) : IAsyncDisposable
    {
        public HubConnection DirectorHub { get; set; } = default!;
        public ConcurrentQueue<RoomEventMessage> DirectorReceived { get; set; } = default!;
        public HubConnection WriterHub { get; set; } = default!;
        public ConcurrentQueue<RoomEventMessage> WriterReceived { get; set; } = default!;

        public void Deconstruct(out HubConnection directorHub, out ConcurrentQueue<RoomEventMessage> directorReceived,
            out HubConnection writerHub, out ConcurrentQueue<RoomEventMessage> writerReceived) =>
            (directorHub, directorReceived, writerHub, writerReceived) = (DirectorHub, DirectorReceived, WriterHub, WriterReceived);

        public async ValueTask DisposeAsync()
        {
            await DirectorHub.DisposeAsync();
            await WriterHub.DisposeAsync();
            await director.DisposeAsync();
            await writer.DisposeAsync();
        }
    }

    private async Task<Pair> DirectorAndWriterAsync()
    {
        var director = await fixture.SignInAsync(Director);
        var writer = await fixture.SignInAsync(Writer);
        var pair = new Pair(director, writer);
        (pair.DirectorHub, pair.DirectorReceived) = await ConnectAsync(director);
        (pair.WriterHub, pair.WriterReceived) = await ConnectAsync(writer);
        return pair;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Eventually.UntilAsync(condition, what, Patience);

    [Fact]
    public async Task Connect_Anonymous_IsRefused()
    {
        await using var connection = LivePerson.CreateHubConnection(fixture.BaseAddress, cookieHeader: null);

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
    }

    [Fact]
    public async Task SessionApi_WrongPassword_Is401WithAReason()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };

        using var response = await http.PostAsJsonAsync("/api/session", new { email = DemoPeople.All[Viewer].Email, password = "nope-nope" });

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task JoinProject_NonMember_IsRefused()
    {
        using (var scope = fixture.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("Nina Outside", "nina@studio.test", "nina-password", admin: false);
        await using var outsider = await LivePerson.SignInAsync(fixture.BaseAddress, "nina@studio.test", "nina-password");
        var (connection, _) = await ConnectAsync(outsider);
        await using var _ = connection;

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L));

        Assert.Contains("not a member", error.Message);
    }

    [Fact]
    public async Task AddNote_Viewer_IsRefusedAndNothingIsStored()
    {
        await using var viewer = await fixture.SignInAsync(Viewer);
        var (connection, _) = await ConnectAsync(viewer);
        await using var _ = connection;
        await connection.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        var takeId = await fixture.TakeIdAsync("sh030_v001");

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote),
            new AddNoteRequest(takeId, 10, null, "I should not be able to say this", null)));

        Assert.Contains("can read notes but not write them", error.Message);
        Assert.Empty(await connection.InvokeAsync<IReadOnlyList<NoteView>>(nameof(ReviewHub.GetNotes), takeId));
    }

    [Fact]
    public async Task AddNote_IsTimedInTheMeterStageByStage()
    {
        var measured = new ConcurrentBag<(string Instrument, double Seconds, string? Method)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReviewRoom.Core.Diagnostics.ReviewRoomMetrics.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            string? method = null;
            foreach (var tag in tags)
                if (tag.Key == "method")
                    method = tag.Value as string;
            measured.Add((instrument.Name, seconds, method));
        });
        listener.Start();
        await using var director = await fixture.SignInAsync(Director);
        var (connection, _) = await ConnectAsync(director);
        await using var _ = connection;
        var takeId = await fixture.TakeIdAsync("sh020_v001");

        var note = await connection.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 3, null, "timed", null));

        Assert.Equal("timed", note.Body);
        // Other tests of this class write at the same time; each stage of this note is among what was measured.
        foreach (var stage in new[] { "reviewroom.room.write.wait", "reviewroom.room.write.commit", "reviewroom.room.publish" })
            Assert.Contains(measured, m => m.Instrument == stage && m.Seconds >= 0);
        Assert.Contains(measured, m => m.Instrument == "reviewroom.hub.call" && m.Method == nameof(ReviewHub.AddNote) && m.Seconds > 0);
    }

    [Fact]
    public async Task AddNote_ByDirector_ReachesTheWriterInSequenceOrderWithoutGaps()
    {
        await using var pair = await DirectorAndWriterAsync();
        var (directorHub, _, writerHub, writerReceived) = pair;
        await directorHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        var joined = await writerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        Assert.Equal(joined.LastSequence, joined.Missed[^1].Sequence);
        var takeId = await fixture.TakeIdAsync("sh010_v002");

        var sent = new List<NoteView>();
        for (var i = 0; i < 20; i++)
            sent.Add(await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, i * 5, null, $"note {i}", null)));

        await WaitUntilAsync(() => writerReceived.Count(e => e.Type == RoomEventTypes.NoteAdded) >= 20, "20 notes at the writer");
        var mine = writerReceived.Where(e => e.Sequence > joined.LastSequence).ToList();
        Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => joined.LastSequence + i), mine.Select(e => e.Sequence));
        Assert.Equal(sent.Select(n => n.Id), mine.Where(e => e.Type == RoomEventTypes.NoteAdded).Select(e => e.PayloadAs<NoteView>().Id));
        var first = mine[0].PayloadAs<NoteView>();
        Assert.Equal("Dana Reyes", first.AuthorName);
        Assert.Equal(Core.Projects.ProjectRole.Director, first.AuthorRole);
    }

    [Fact]
    public async Task AddNote_FromFourConnectionsAtOnce_ReachesTheWriterInSequenceOrderWithoutGaps()
    {
        await using var pair = await DirectorAndWriterAsync();
        var (directorHub, _, writerHub, writerReceived) = pair;
        await using var director = await fixture.SignInAsync(Director);
        var posters = new List<HubConnection> { directorHub };
        for (var i = 0; i < 3; i++)
            posters.Add((await ConnectAsync(director)).Connection);
        var joined = await writerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);
        var takeId = await fixture.TakeIdAsync("sh010_v001");

        // Four connections post at once, so the writer's acknowledgements and the room's deliveries overlap.
        var sent = await Task.WhenAll(posters.SelectMany((poster, p) => Enumerable.Range(0, 15).Select(i =>
            poster.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, i, null, $"poster {p} note {i}", null)))));

        await WaitUntilAsync(() => writerReceived.Count(e => e.Type == RoomEventTypes.NoteAdded && e.Sequence > joined.LastSequence) >= 60, "60 notes at the writer");
        var mine = writerReceived.Where(e => e.Sequence > joined.LastSequence).ToList();
        Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => joined.LastSequence + i), mine.Select(e => e.Sequence));
        Assert.Equal(sent.Select(n => n.Id).Order(), mine.Select(e => e.PayloadAs<NoteView>().Id).Order());
        foreach (var poster in posters.Skip(1))
            await poster.DisposeAsync();
    }

    [Fact]
    public async Task JoinProject_AfterAForcedDisconnect_CatchesUpOnEverythingMissedInOrder()
    {
        await using var director = await fixture.SignInAsync(Director);
        await using var writer = await fixture.SignInAsync(Writer);
        var (directorHub, _) = await ConnectAsync(director);
        await using var a = directorHub;
        await directorHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        var takeId = await fixture.TakeIdAsync("sh020_v001");

        var (writerHub, received) = await ConnectAsync(writer);
        var joined = await writerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 3, 9, "before the drop", null));
        await WaitUntilAsync(() => !received.IsEmpty, "the first note");
        var lastApplied = received.Max(e => e.Sequence);
        await writerHub.DisposeAsync();

        var whileAway = new List<NoteView>();
        for (var i = 0; i < 5; i++)
            whileAway.Add(await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 20 + i, null, $"while away {i}", null)));

        var (back, _) = await ConnectAsync(writer);
        await using var c = back;
        var rejoined = await back.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, lastApplied);

        Assert.True(joined.LastSequence < lastApplied);
        Assert.Equal(Enumerable.Range(1, rejoined.Missed.Count).Select(i => lastApplied + i), rejoined.Missed.Select(e => e.Sequence));
        Assert.Equal(whileAway.Select(n => n.Id), rejoined.Missed.Select(e => e.PayloadAs<NoteView>().Id));
        Assert.Equal(rejoined.LastSequence, rejoined.Missed[^1].Sequence);
    }

    [Fact]
    public async Task AddNote_RetriedWithTheSameIdempotencyKey_IsStoredOnce()
    {
        await using var director = await fixture.SignInAsync(Director);
        var (hub, _) = await ConnectAsync(director);
        await using var _ = hub;
        var takeId = await fixture.TakeIdAsync("sh040_v001");
        var request = new AddNoteRequest(takeId, 12, 30, "Flame flickers too fast here", "retry-3f9c");

        var first = await hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), request);
        var retry = await hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), request);

        Assert.Equal(first.Id, retry.Id);
        var notes = await hub.InvokeAsync<IReadOnlyList<NoteView>>(nameof(ReviewHub.GetNotes), takeId);
        Assert.Single(notes, n => n.Body == "Flame flickers too fast here");
    }

    [Fact]
    public async Task AddNote_SameIdempotencyKeyFromTwoPeople_StoresEachPersonsOwnNote()
    {
        await using var director = await fixture.SignInAsync(Director);
        await using var writer = await fixture.SignInAsync(Writer);
        var (directorHub, _) = await ConnectAsync(director);
        var (writerHub, _) = await ConnectAsync(writer);
        await using var a = directorHub;
        await using var b = writerHub;
        var takeId = await fixture.TakeIdAsync("sh020_v001");

        var directors = await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 3, null, "director's own words", "key-1"));
        var writers = await writerHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 3, null, "writer's own words", "key-1"));

        Assert.NotEqual(directors.Id, writers.Id);
        Assert.Equal("writer's own words", writers.Body);
        var notes = await writerHub.InvokeAsync<IReadOnlyList<NoteView>>(nameof(ReviewHub.GetNotes), takeId);
        Assert.Contains(notes, n => n.Body == "director's own words");
        Assert.Contains(notes, n => n.Body == "writer's own words");
    }

    [Fact]
    public async Task DecisionWithAReason_AnnouncesTheNoteItMadeThenTheDecision()
    {
        await using var pair = await DirectorAndWriterAsync();
        var (directorHub, directorReceived, writerHub, _) = pair;
        await directorHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        var takeId = await fixture.TakeIdAsync("sh020_v002");

        await writerHub.InvokeAsync(nameof(ReviewHub.Decide), new DecideRequest(takeId, ReviewRoom.Core.Decisions.DecisionKind.NeedsChanges, "the lamp pops on too early", 18L));

        await Eventually.UntilAsync(() => Task.FromResult(directorReceived.Any(e => e.Type == RoomEventTypes.DecisionRecorded)), "the decision to arrive", Patience);
        var events = directorReceived.ToList();
        var noteEvent = Assert.Single(events, e => e.Type == RoomEventTypes.NoteAdded && e.PayloadAs<NoteView>().Body.Contains("the lamp pops on too early"));
        var decision = events.Single(e => e.Type == RoomEventTypes.DecisionRecorded);
        Assert.Equal(noteEvent.Sequence + 1, decision.Sequence);
        Assert.Equal((18L, takeId), (noteEvent.PayloadAs<NoteView>().FrameIn, noteEvent.PayloadAs<NoteView>().TakeId));
    }

    [Fact]
    public async Task ReplyResolveAndEdit_FlowThroughTheRoomAndKeepHistory()
    {
        await using var pair = await DirectorAndWriterAsync();
        var (directorHub, directorReceived, writerHub, _) = pair;
        await directorHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, 0L);
        var takeId = await fixture.TakeIdAsync("sh030_v002");

        var note = await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 40, null, "Keeper's smile reads late. @Wes Okafor can the line land earlier?", null));
        Assert.Contains(DemoPeople.All[Writer].DisplayName, (await WriterIdAsync()).Name);
        Assert.Equal([(await WriterIdAsync()).Id], note.MentionedUserIds);
        Assert.DoesNotContain("@Wes Okafor", note.Body);

        var reply = await writerHub.InvokeAsync<NoteView>(nameof(ReviewHub.ReplyToNote), new ReplyRequest(note.Id, "Yes: trimming the pause.", null));
        var resolved = await writerHub.InvokeAsync<NoteView>(nameof(ReviewHub.ResolveNote), note.Id);
        var edited = await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.EditNote), new EditNoteRequest(note.Id, resolved.Version, "Keeper's smile reads late."));
        var stale = await Assert.ThrowsAsync<HubException>(() =>
            directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.EditNote), new EditNoteRequest(note.Id, note.Version, "an edit from an old copy")));
        var notYours = await Assert.ThrowsAsync<HubException>(() =>
            writerHub.InvokeAsync<NoteView>(nameof(ReviewHub.EditNote), new EditNoteRequest(note.Id, edited.Version, "not mine to edit")));

        Assert.Equal(note.Id, reply.ParentNoteId);
        Assert.Equal((40L, 40L), (reply.FrameIn, reply.FrameOut));
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(1, edited.RevisionCount);
        Assert.Empty(edited.MentionedUserIds);
        Assert.Contains("changed this note", stale.Message);
        Assert.Contains("Only the author", notYours.Message);
        await WaitUntilAsync(() => directorReceived.Any(e => e.Type == RoomEventTypes.NoteEdited), "the edit event");
        Assert.Equal(
            [RoomEventTypes.NoteAdded, RoomEventTypes.NoteAdded, RoomEventTypes.NoteResolved, RoomEventTypes.NoteEdited],
            directorReceived.Where(e => e.Type.StartsWith("note.", StringComparison.Ordinal)).Select(e => e.Type));
    }

    [Fact]
    public async Task DeleteAndRestore_OnlyAuthorMay_AndOthersSeeNoTextWhileDeleted()
    {
        await using var pair = await DirectorAndWriterAsync();
        var (directorHub, _, writerHub, _) = pair;
        var takeId = await fixture.TakeIdAsync("sh020_v003");
        var note = await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 5, null, "Wrong take, sorry", null));

        await Assert.ThrowsAsync<HubException>(() => writerHub.InvokeAsync<NoteView>(nameof(ReviewHub.DeleteNote), note.Id));
        var deleted = await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.DeleteNote), note.Id);
        var seenByWriter = (await writerHub.InvokeAsync<IReadOnlyList<NoteView>>(nameof(ReviewHub.GetNotes), takeId)).Single(n => n.Id == note.Id);
        var seenByAuthor = (await directorHub.InvokeAsync<IReadOnlyList<NoteView>>(nameof(ReviewHub.GetNotes), takeId)).Single(n => n.Id == note.Id);
        var restored = await directorHub.InvokeAsync<NoteView>(nameof(ReviewHub.RestoreNote), note.Id);

        Assert.True(deleted.Deleted);
        Assert.Equal("", deleted.Body);
        Assert.Equal("", seenByWriter.Body);
        Assert.Equal("Wrong take, sorry", seenByAuthor.Body);
        Assert.False(restored.Deleted);
        Assert.Equal("Wrong take, sorry", restored.Body);
    }

    [Fact]
    public async Task AddNote_PastTheLastFrame_ExplainsWhy()
    {
        await using var director = await fixture.SignInAsync(Director);
        var (hub, _) = await ConnectAsync(director);
        await using var _ = hub;
        var takeId = await fixture.TakeIdAsync("sh040_v002");

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 72, null, "after the end", null)));

        Assert.Contains("last frame is 71", error.Message);
    }

    [Fact]
    public async Task Presence_ShowsWhoJoinedWhereAndDropsThemWhenTheirConnectionEnds()
    {
        await using var pair = await DirectorAndWriterAsync();
        var (directorHub, _, writerHub, _) = pair;
        var seen = new ConcurrentQueue<PresenceMessage>();
        directorHub.On<PresenceMessage>(nameof(IReviewClient.Presence), seen.Enqueue);
        await directorHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);
        var takeId = await fixture.TakeIdAsync("sh010_v001");
        var writerId = (await WriterIdAsync()).Id;

        await writerHub.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, long.MaxValue);
        await writerHub.InvokeAsync(nameof(ReviewHub.SetPresence), DemoProject.Id, takeId, 42L, true);
        await WaitUntilAsync(() => seen.Any(p => p.People.Any(e => e.UserId == writerId && e.Frame == 42 && e.Typing && e.TakeId == takeId)),
            "the writer at frame 42, typing");

        await writerHub.StopAsync();
        await WaitUntilAsync(() => seen.LastOrDefault()?.People.All(e => e.UserId != writerId) == true, "the writer to leave the room");
    }

    [Fact]
    public async Task SetPresence_WithoutJoining_IsRefused()
    {
        await using var viewer = await fixture.SignInAsync(Viewer);
        var (hub, _) = await ConnectAsync(viewer);
        await using var _ = hub;

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(ReviewHub.SetPresence), DemoProject.Id, null, null, false));
    }

    [Theory]
    [InlineData("<script>window.pwned = 1</script>", "<script>window.pwned")]
    [InlineData("<img src=x onerror=\"window.pwned=1\">", "<img src=x onerror")]
    [InlineData("[look](javascript:window.pwned=1)", "href=\"javascript:")]
    public async Task AddNote_HostileMarkdown_ReachesTheTakePageInert(string body, string mustNotAppear)
    {
        await using var director = await fixture.SignInAsync(Director);
        var (hub, _) = await ConnectAsync(director);
        await using var _ = hub;
        var takeId = await fixture.TakeIdAsync("sh010_v003");
        await hub.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), new AddNoteRequest(takeId, 1, null, body, null));

        var page = await director.Http.GetStringAsync($"/takes/{takeId}");

        Assert.Contains("data-testid=\"note-body\"", page);
        Assert.DoesNotContain(mustNotAppear, page, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(Guid Id, string Name)> WriterIdAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var email = DemoPeople.All[Writer].Email;
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return (user.Id, user.DisplayName);
    }
}
