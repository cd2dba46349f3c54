using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Rooms;

namespace ReviewRoom.IntegrationTests.Cluster;

/// <summary>
/// A director posting notes through the hub one after another, as a person would, each with its own idempotency key.
/// When the connection breaks (its node died) it connects again, wherever that lands, and sends the same note with
/// the same key: the documented way to retry without writing twice.
/// </summary>
internal sealed class NoteWriter : IAsyncDisposable
{
    private readonly LivePerson _person;
    private readonly Guid _takeId;
    private HubConnection _connection;

    private NoteWriter(LivePerson person, HubConnection connection, Guid takeId)
    {
        _person = person;
        _connection = connection;
        _takeId = takeId;
    }

    public int Reconnections { get; private set; }

    public static async Task<NoteWriter> StartAsync(LivePerson person, Guid takeId) =>
        new(person, await RoomListener.ConnectAsync(person, _ => { }, _ => { }), takeId);

    /// <summary>Posts <paramref name="count"/> notes and returns their ids, each acknowledged by the server.</summary>
    public async Task<List<Guid>> PostAsync(int count, string label, Action<int>? acknowledged = null)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await PostOneAsync(new AddNoteRequest(_takeId, i, null, $"{label} {i}", $"{run}-{i}")));
            acknowledged?.Invoke(ids.Count);
        }
        return ids;
    }

    private async Task<Guid> PostOneAsync(AddNoteRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await _connection.InvokeAsync<NoteView>(nameof(ReviewHub.AddNote), request)).Id;
            }
            catch (Exception ex) when (ex is not Microsoft.AspNetCore.SignalR.HubException || ex.Message.Contains("connection", StringComparison.OrdinalIgnoreCase))
            {
                if (attempt == 20)
                    throw;
                await _connection.DisposeAsync();
                _connection = await RoomListener.ConnectAsync(_person, _ => { }, _ => { });
                Reconnections++;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _person.DisposeAsync();
    }
}

/// <summary>
/// Someone in the demo room over the hub, keeping every event and presence message in the order they arrived. After
/// its connection breaks it can join again (through the same address, so wherever nginx sends it) from the last
/// sequence it saw, as the hub's contract says a client catches up.
/// </summary>
internal sealed class RoomListener : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly LivePerson _person;
    private readonly ConcurrentQueue<RoomEventMessage> _events = new();
    private readonly ConcurrentQueue<PresenceMessage> _presence = new();
    private HubConnection _connection = default!;

    private RoomListener(LivePerson person) => _person = person;

    public bool IsConnected => _connection.State == HubConnectionState.Connected;

    public static async Task<RoomListener> JoinAsync(LivePerson person, long afterSequence)
    {
        var listener = new RoomListener(person);
        await listener.ConnectFromAsync(afterSequence);
        return listener;
    }

    /// <summary>A started connection that has joined the demo room; starting is tried again while the node behind the address is changing.</summary>
    public static async Task<HubConnection> ConnectAsync(LivePerson person, Action<RoomEventMessage> onEvent, Action<PresenceMessage> onPresence, long afterSequence = long.MaxValue, Action<JoinedRoom>? joined = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var connection = person.CreateHubConnection();
            connection.On(nameof(IReviewClient.RoomEvent), onEvent);
            connection.On(nameof(IReviewClient.Presence), onPresence);
            try
            {
                await connection.StartAsync();
                joined?.Invoke(await connection.InvokeAsync<JoinedRoom>(nameof(ReviewHub.JoinProject), DemoProject.Id, afterSequence));
                return connection;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Joins again after a broken connection, asking for everything after the last event it saw.</summary>
    public async Task RejoinAsync()
    {
        await _connection.DisposeAsync();
        await ConnectFromAsync(_events.Where(e => e.ProjectId == DemoProject.Id).Select(e => e.Sequence).DefaultIfEmpty(0).Max());
    }

    public Task WaitForAsync(IReadOnlyCollection<Guid> noteIds)
    {
        var wanted = noteIds.ToHashSet();
        return Eventually.UntilAsync(() => wanted.IsSubsetOf(NoteIdsAdded()), $"{wanted.Count} notes on the listener", Patience);
    }

    public Task WaitForPresenceAsync(Func<IReadOnlyList<PresenceEntry>, bool> condition, string what) =>
        Eventually.UntilAsync(() => _presence.LastOrDefault(p => p.ProjectId == DemoProject.Id) is { } last && condition(last.People), what, Patience);

    /// <summary>Every sequence once, each one more than the last: no gap, no repeat, no reordering.</summary>
    public void AssertInOrderOnce()
    {
        var sequences = _events.Where(e => e.ProjectId == DemoProject.Id).Select(e => e.Sequence).ToList();
        Assert.NotEmpty(sequences);
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);
    }

    public List<(long Sequence, string Type)> EventsAfter(long sequence) =>
        _events.Where(e => e.Sequence > sequence).Select(e => (e.Sequence, e.Type)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _person.DisposeAsync();
    }

    private async Task ConnectFromAsync(long afterSequence) =>
        _connection = await ConnectAsync(_person, _events.Enqueue, _presence.Enqueue, afterSequence, joined =>
        {
            foreach (var missed in joined.Missed)
                _events.Enqueue(missed);
        });

    private HashSet<Guid> NoteIdsAdded() =>
        _events.Where(e => e.Type == RoomEventTypes.NoteAdded).Select(e => e.PayloadAs<NoteView>().Id).ToHashSet();
}
