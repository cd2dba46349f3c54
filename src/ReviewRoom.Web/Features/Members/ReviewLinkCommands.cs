using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Security;

namespace ReviewRoom.Web.Features.Members;

/// <summary>What a review link says to the person who opened it, before they come in.</summary>
public sealed record ReviewLinkPreview(Guid LinkId, Guid ProjectId, string ProjectName, string SharedBy, GuestAccess Access, bool HasPassword, string? WhyUnusable);

/// <summary>A new review link: its secret (shown once) and the whole link to send.</summary>
public sealed record NewReviewLink(Guid Id, string Secret, string Link);

/// <summary>
/// Review links for people without an account: made and withdrawn by the project's director or producer
/// (or an administrator), opened by guests who give a name. Each change is a room event, so the list of
/// links and a guest's open page follow it at once.
/// </summary>
public sealed class ReviewLinkCommands(RoomWriter writer, ProjectAccess access, RateLimits limits, TimeProvider clock)
{
    /// <summary>Where a guest goes when their link ends or they leave.</summary>
    public const string EndedPath = "/review-ended";

    /// <summary>Shares whole shots and single takes of a project; the secret in the returned link is kept nowhere.</summary>
    public async Task<NewReviewLink> CreateAsync(Actor actor, Guid projectId, IReadOnlyCollection<Guid> shotIds, IReadOnlyCollection<Guid> takeIds,
        GuestAccess guestAccess, string note, TimeSpan lifetime, string? password, Uri siteBase)
    {
        var actorId = await RequireManagerAsync(actor, projectId);
        (ReviewLink Link, string Secret) created = default!;
        await writer.WriteAsync(projectId, actorId, null, async (db, _, ct) =>
        {
            // Only this project's shots and takes: an id from elsewhere is refused, not silently shared.
            var knownShots = await db.Shots.CountAsync(s => s.ProjectId == projectId && shotIds.Contains(s.Id), ct);
            var knownTakes = await db.Takes.CountAsync(t => takeIds.Contains(t.Id) && db.Shots.Any(s => s.Id == t.ShotId && s.ProjectId == projectId), ct);
            if (knownShots != shotIds.Distinct().Count() || knownTakes != takeIds.Distinct().Count())
                throw new DomainException("Some of those shots or takes are not in this project any more. Reload the board and choose again.");
            created = ReviewLink.Create(projectId, shotIds, takeIds, guestAccess, note, lifetime, password, actorId, clock.GetUtcNow().UtcDateTime);
            db.ReviewLinks.Add(created.Link);
            return new RoomEventDraft(new ReviewLinkCreated(created.Link.Id, created.Link.Note, guestAccess, created.Link.Items.Count));
        });
        var (link, secret) = created;
        return new NewReviewLink(link!.Id, secret!, LinkFor(siteBase, secret!));
    }

    public static string LinkFor(Uri siteBase, string secret) => new Uri(siteBase, $"/review/{secret}").ToString();

    public async Task RevokeAsync(Actor actor, Guid projectId, Guid linkId) =>
        await SecretLinks.WithdrawAsync<ReviewLink>(writer, projectId, await RequireManagerAsync(actor, projectId), linkId, clock.GetUtcNow().UtcDateTime,
            "That review link does not exist.", link => new RoomEventDraft(new ReviewLinkRevoked(linkId, link.Note)));

    /// <summary>What a review link offers, for the page that opens it; null when no link has this secret.</summary>
    public async Task<ReviewLinkPreview?> PreviewAsync(string secret, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.CreateReadContextAsync(cancellationToken);
        var link = await SecretLinks.FindAsync(db.ReviewLinks.AsNoTracking(), secret, ReviewLink.SecretPrefix, cancellationToken);
        if (link is null)
            return null;
        var projectName = await db.Projects.Where(p => p.Id == link.ProjectId).Select(p => p.Name).SingleAsync(cancellationToken);
        var sharedBy = await db.Users.Where(u => u.Id == link.CreatedByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Someone";
        return new ReviewLinkPreview(link.Id, link.ProjectId, projectName, sharedBy, link.Access, link.HasPassword, link.WhyUnusable(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// Lets someone in by the link under the name they typed: a guest account is made for them (no email,
    /// no password, so it can never be signed in to any other way) and they are returned to be signed in.
    /// Attempts are limited per link and address, so a link's password cannot be guessed by trying.
    /// </summary>
    public async Task<ReviewRoomUser> AdmitAsync(string secret, string name, string? password, string address)
    {
        if (await PreviewAsync(secret) is not { } preview)
            throw new DomainException("This review link is not valid. Check that it was copied whole.");
        if (preview.WhyUnusable is { } reason)
            throw new DomainException(reason);
        if (await limits.TrySignInAsync($"review-link:{preview.LinkId:N}", address) is { } wait)
            throw new DomainException($"Too many attempts from here. Try again in {RateLimits.Describe(wait)}.");
        await limits.RequireGuestChangeAsync(preview.LinkId);
        var guestName = ReviewLink.CleanGuestName(name);
        ReviewRoomUser? admitted = null;
        var id = Guid.NewGuid();
        await writer.WriteAsync(preview.ProjectId, id, null, async (db, _, ct) =>
        {
            var link = await db.ReviewLinks.Include(l => l.Guests).SingleAsync(l => l.Id == preview.LinkId, ct);
            if (!link.PasswordMatches(password))
                throw new DomainException(string.IsNullOrEmpty(password) ? "This review link needs its password." : "That password is not this review link's.");
            admitted = new ReviewRoomUser
            {
                Id = id,
                UserName = $"guest-{id:N}",
                NormalizedUserName = $"GUEST-{id:N}".ToUpperInvariant(),
                DisplayName = ReviewLink.DisplayNameOf(guestName),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
                EmailDigest = Core.Notifications.EmailDigest.Never,
            };
            db.Users.Add(admitted);
            link.Admit(id, guestName, clock.GetUtcNow().UtcDateTime);
            return new RoomEventDraft(new GuestJoined(link.Id, id, admitted.DisplayName));
        });
        return admitted!;
    }

    /// <summary>Keeps the "last seen" the team reads on the link's list; at most one write per few minutes per guest.</summary>
    public async Task SeenAsync(Actor actor)
    {
        if (actor is not Actor.Guest { Id: var userId })
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        await writer.WriteQuietlyAsync(async (db, ct) =>
        {
            if (await db.ReviewLinkGuests.SingleOrDefaultAsync(g => g.UserId == userId && g.LastSeenAt < now.AddMinutes(-5), ct) is { } guest)
                guest.Seen(now);
        });
    }

    private Task<Guid> RequireManagerAsync(Actor actor, Guid projectId) =>
        access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageMembers, "Only the project's director or producer, or an administrator, can share takes with guests.");
}
