using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Core.Notes;

namespace ReviewRoom.Web.Features.Rooms;

public sealed record AddNoteRequest(Guid TakeId, long FrameIn, long? FrameOut, string Body, string? IdempotencyKey, Drawing? Drawing = null);

public sealed record ReplyRequest(Guid ParentNoteId, string Body, string? IdempotencyKey, Drawing? Drawing = null);

public sealed record EditNoteRequest(Guid NoteId, int ExpectedVersion, string Body);

public sealed record DecideRequest(Guid TakeId, DecisionKind Kind, string? Comment, long? AtFrame);

public sealed record CircleRequest(Guid ShotId, Guid? TakeId, bool ConfirmNotApproved, string? Reason);

/// <summary>
/// ReviewRoom's public real-time API at <c>/hubs/review</c>. A connection signs in with the same
/// cookie as the web app, joins a project's room (members only), receives every room event in
/// sequence order, and asks for what it missed by sequence after a reconnect. Every method checks
/// the caller's membership and role on the server. Errors reach the client as <see cref="HubException"/>
/// messages written for people.
/// </summary>
[Authorize]
public sealed class ReviewHub(
    ProjectAccess access,
    NoteCommands notes,
    DecisionCommands decisions,
    DecisionQueries decisionQueries,
    NoteQueries noteQueries,
    PresenceTracker presence,
    HubSessions sessions,
    IDbContextFactory<ReviewRoomDbContext> contextFactory) : Hub<IReviewClient>
{
    public const string Path = "/hubs/review";
    private const int MaxCatchUp = 5_000;

    /// <summary>Joins a project's room and returns the events after <paramref name="afterSequence"/> (0 for all).</summary>
    public async Task<JoinedRoom> JoinProject(Guid projectId, long afterSequence)
    {
        var role = await RequireRoleAsync(projectId);
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomGroups.ForProject(projectId));
        var (last, missed) = await EventsAfterAsync(projectId, afterSequence);
        await presence.SetAsync(projectId, Context.ConnectionId, Entry(role, null, null, false));
        // The room is told only when what it shows changes; whoever joins needs to see it either way.
        await Clients.Caller.Presence(new PresenceMessage(projectId, presence.InRoom(projectId)));
        Rooms[projectId] = role;
        return new JoinedRoom(projectId, role, last, missed);
    }

    public async Task LeaveProject(Guid projectId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomGroups.ForProject(projectId));
        Rooms.TryRemove(projectId, out _);
        await presence.RemoveAsync(projectId, Context.ConnectionId);
    }

    /// <summary>The events after a sequence, oldest first, for a client that saw a gap.</summary>
    public async Task<IReadOnlyList<RoomEventMessage>> GetEventsAfter(Guid projectId, long afterSequence)
    {
        await RequireRoleAsync(projectId);
        return (await EventsAfterAsync(projectId, afterSequence)).Missed;
    }

    public async Task<IReadOnlyList<NoteView>> GetNotes(Guid takeId)
    {
        await RequireTakeRoleAsync(takeId);
        return await noteQueries.GetForTakeAsync(takeId, Caller.UserId!.Value, Caller.IsAdministrator);
    }

    public Task<NoteView> AddNote(AddNoteRequest request) =>
        notes.AddAsync(Caller, request.TakeId, new FrameRange(request.FrameIn, request.FrameOut ?? request.FrameIn), request.Body, request.IdempotencyKey, request.Drawing);

    public Task<NoteView> ReplyToNote(ReplyRequest request) =>
        notes.ReplyAsync(Caller, request.ParentNoteId, request.Body, request.IdempotencyKey, request.Drawing);

    public Task<NoteView> EditNote(EditNoteRequest request) =>
        notes.EditAsync(Caller, request.NoteId, request.ExpectedVersion, request.Body);

    public Task<NoteView> ResolveNote(Guid noteId) => notes.ResolveAsync(Caller, noteId);

    public Task<NoteView> ReopenNote(Guid noteId) => notes.ReopenAsync(Caller, noteId);

    public Task<NoteView> DeleteNote(Guid noteId) => notes.DeleteAsync(Caller, noteId);

    public Task<NoteView> RestoreNote(Guid noteId) => notes.RestoreAsync(Caller, noteId);

    /// <summary>Records the caller's decision on a take (Approve, ApproveWithChanges, NeedsChanges, Reject).</summary>
    public Task Decide(DecideRequest request) =>
        decisions.DecideAsync(Caller, request.TakeId, request.Kind, request.Comment, request.AtFrame);

    /// <summary>Circles a take for its shot, or clears the circle when TakeId is null.</summary>
    public Task Circle(CircleRequest request) =>
        decisions.CircleAsync(Caller, request.ShotId, request.TakeId, request.ConfirmNotApproved, request.Reason);

    public Task Vote(Guid takeId, bool starred) =>
        decisions.VoteAsync(Caller, takeId, starred);

    /// <summary>Changes which roles must approve, whether a Reject blocks, and who may circle (director, producer, admin).</summary>
    public Task ChangePolicy(Guid projectId, ApprovalPolicy policy) =>
        decisions.ChangePolicyAsync(Caller, projectId, policy);

    /// <summary>The policy, every take's derived status, decisions and votes, and each shot's circled take.</summary>
    public async Task<ProjectReviewState> GetReviewState(Guid projectId)
    {
        await RequireRoleAsync(projectId);
        return await decisionQueries.GetProjectStateAsync(projectId);
    }

    /// <summary>Where this connection is: the take open and the playhead's frame, and whether its person is typing.</summary>
    public async Task SetPresence(Guid projectId, Guid? takeId, long? frame, bool typing)
    {
        if (!Rooms.TryGetValue(projectId, out var role))
            throw new HubException("Join the project's room before sharing presence.");
        await presence.SetAsync(projectId, Context.ConnectionId, Entry(role, takeId, frame, typing));
    }

    /// <summary>Where a message whose arguments could not be read lands (see <c>ReadableJsonHubProtocol</c>): it only says why.</summary>
    public Task RefuseUnreadable(string method, string reason) =>
        throw new HubException(reason);

    public override Task OnConnectedAsync()
    {
        sessions.Add(Context);
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context.ConnectionId);
        foreach (var projectId in Rooms.Keys.ToList())
            await presence.RemoveAsync(projectId, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    private System.Collections.Concurrent.ConcurrentDictionary<Guid, ProjectRole> Rooms => RoomsOf(Context);

    /// <summary>Who this connection signed in as, read once from its cookie; every command it sends is theirs.</summary>
    private Actor Caller
    {
        get
        {
            lock (Context.Items)
            {
                return (Actor)(Context.Items.TryGetValue("actor", out var actor) ? actor! : Context.Items["actor"] = (Context.User ?? new()).ToActor());
            }
        }
    }

    /// <summary>The rooms a connection has joined, with its role in each; the relay changes them when membership changes.</summary>
    internal static System.Collections.Concurrent.ConcurrentDictionary<Guid, ProjectRole> RoomsOf(HubCallerContext context)
    {
        lock (context.Items)
        {
            return (System.Collections.Concurrent.ConcurrentDictionary<Guid, ProjectRole>)(context.Items.TryGetValue("rooms", out var rooms)
                ? rooms!
                : context.Items["rooms"] = new System.Collections.Concurrent.ConcurrentDictionary<Guid, ProjectRole>());
        }
    }

    private PresenceEntry Entry(ProjectRole role, Guid? takeId, long? frame, bool typing) =>
        new(Caller.UserId!.Value, Caller.DisplayName, role, takeId, frame, typing);

    private async Task<ProjectRole> RequireRoleAsync(Guid projectId) =>
        await access.GetRoleAsync(Caller, projectId)
        ?? throw new HubException("That project does not exist, or you are not a member of it.");

    private async Task RequireTakeRoleAsync(Guid takeId)
    {
        if (await access.GetRoleForTakeAsync(Caller, takeId) is null)
            throw new HubException("That take does not exist, or you are not a member of its project.");
    }

    private async Task<(long Last, IReadOnlyList<RoomEventMessage> Missed)> EventsAfterAsync(Guid projectId, long afterSequence)
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        var last = await db.Projects.Where(p => p.Id == projectId).Select(p => p.LastEventSequence).SingleAsync();
        var missed = await db.RoomEvents.AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(MaxCatchUp)
            .ToListAsync();
        return (last, missed.Select(RoomEventMessage.From).ToList());
    }
}
