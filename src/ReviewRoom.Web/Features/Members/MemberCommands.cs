using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.Web.Features.Members;

/// <summary>What an invitation link says to the person who opened it, before they join.</summary>
public sealed record InvitationPreview(Guid ProjectId, string ProjectName, ProjectRole Role, string InvitedBy, string? WhyUnusable);

/// <summary>
/// Who is in a project: adding people, changing roles, removing, leaving, and invitation links. Directors,
/// producers and administrators manage; anyone may leave. Each change is a room event, so every open page
/// and hub connection follows it at once.
/// </summary>
/// <summary>A new invitation: its secret (shown once), the whole link, and whether the mail went.</summary>
public sealed record NewInvitation(Guid Id, string Secret, string Link, bool Mailed);

public sealed class MemberCommands(RoomWriter writer, ProjectAccess access, ProjectCommands projects, Email.Mailer mailer, TimeProvider clock)
{
    public const int MaxEmailLength = 256;

    public async Task AddExistingAsync(Actor actor, Guid projectId, string email, ProjectRole role)
    {
        var actorId = await RequireManagerAsync(actor, projectId);
        var wanted = (email ?? "").Trim();
        if (wanted.Length is 0 or > MaxEmailLength)
            throw new DomainException("Enter the email of the account to add.");
        await using (var db = await writer.CreateReadContextAsync(CancellationToken.None))
        {
            var normalized = wanted.ToUpperInvariant();
            var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync()
                ?? throw new DomainException($"No account uses {wanted}. Send them an invitation link instead.");
            await projects.AddMemberAsync(projectId, actorId, userId, role, clock.GetUtcNow().UtcDateTime);
        }
    }

    public async Task ChangeRoleAsync(Actor actor, Guid projectId, Guid memberUserId, ProjectRole role)
    {
        var actorId = await RequireManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Members).LoadAsync(ct);
            var member = project.ChangeMemberRole(memberUserId, role);
            return new RoomEventDraft(new MemberRoleChanged(member.UserId, member.Role));
        });
    }

    /// <summary>Removes someone; removing yourself is leaving, which needs no manager's rights.</summary>
    public async Task RemoveAsync(Actor actor, Guid projectId, Guid memberUserId)
    {
        var actorId = actor.UserId == memberUserId
            ? (await access.RequireMemberAsync(actor, projectId, "project")).UserId
            : await RequireManagerAsync(actor, projectId);
        await writer.WriteAsync(projectId, actorId, null, async (db, project, ct) =>
        {
            await db.Entry(project).Collection(p => p.Members).LoadAsync(ct);
            var member = project.RemoveMember(memberUserId);
            return new RoomEventDraft(new MemberRemoved(member.UserId, member.Role));
        });
    }

    public Task LeaveAsync(Actor actor, Guid projectId) =>
        RemoveAsync(actor, projectId, actor.UserId ?? throw new DomainException("Sign in to take part in the review."));

    /// <summary>Makes an invitation link; the secret in it is returned once and kept nowhere.</summary>
    public async Task<(Guid InvitationId, string Secret)> InviteAsync(Actor actor, Guid projectId, ProjectRole role, string note, TimeSpan lifetime, bool singleUse)
    {
        var invitation = await InviteAsync(actor, projectId, role, note, lifetime, singleUse, new Uri("http://localhost/"), emailTo: null);
        return (invitation.Id, invitation.Secret);
    }

    /// <summary>
    /// Makes an invitation link on the site at <paramref name="siteBase"/> and, given an address and a server
    /// that sends mail, emails it there.
    /// </summary>
    public async Task<NewInvitation> InviteAsync(Actor actor, Guid projectId, ProjectRole role, string note, TimeSpan lifetime, bool singleUse, Uri siteBase, string? emailTo)
    {
        var sendTo = string.IsNullOrWhiteSpace(emailTo) ? null : Email.EmailMessages.ValidAddress(emailTo);
        var actorId = await RequireManagerAsync(actor, projectId);
        (Invitation Invitation, string Secret) created = default!;
        await writer.WriteAsync(projectId, actorId, null, (db, _, _) =>
        {
            created = Invitation.Create(projectId, role, note, lifetime, singleUse, actorId, clock.GetUtcNow().UtcDateTime);
            db.Invitations.Add(created.Invitation);
            return Task.FromResult(new RoomEventDraft(new InvitationCreated(created.Invitation.Id, role, created.Invitation.Note, singleUse)));
        });
        var (invitation, secret) = created;
        var link = new Uri(siteBase, $"/invite/{secret}").ToString();
        var mailed = false;
        if (sendTo is not null)
        {
            await using var db = await writer.CreateReadContextAsync(CancellationToken.None);
            var projectName = await db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).SingleAsync();
            var inviter = await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).SingleAsync();
            mailed = await mailer.TrySendAsync(Email.EmailMessages.Invitation(sendTo, projectName, role, inviter, link, invitation!.ExpiresAt));
        }
        return new NewInvitation(invitation!.Id, secret!, link, mailed);
    }

    public async Task RevokeInvitationAsync(Actor actor, Guid projectId, Guid invitationId) =>
        await SecretLinks.WithdrawAsync<Invitation>(writer, projectId, await RequireManagerAsync(actor, projectId), invitationId, clock.GetUtcNow().UtcDateTime,
            "That invitation does not exist.", invitation => new RoomEventDraft(new InvitationRevoked(invitationId, invitation.Note)));

    /// <summary>What an invitation link offers, for the page that opens it; null when no invitation has this secret.</summary>
    public async Task<InvitationPreview?> PreviewAsync(string secret, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.CreateReadContextAsync(cancellationToken);
        var invitation = await SecretLinks.FindAsync(db.Invitations.AsNoTracking().Include(i => i.Uses), secret, Invitation.SecretPrefix, cancellationToken);
        if (invitation is null)
            return null;
        var projectName = await db.Projects.Where(p => p.Id == invitation.ProjectId).Select(p => p.Name).SingleAsync(cancellationToken);
        var invitedBy = await db.Users.Where(u => u.Id == invitation.CreatedByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Someone";
        return new InvitationPreview(invitation.ProjectId, projectName, invitation.Role, invitedBy, invitation.WhyUnusable(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>
    /// The signed-in person joins through the link and gets its role. Someone already in the project keeps
    /// their role and does not use up a single-use link.
    /// </summary>
    public async Task<Guid> AcceptAsync(Actor actor, string secret)
    {
        var userId = actor.UserId ?? throw new DomainException("Sign in or create an account to join.");
        return await AcceptForAsync(userId, secret);
    }

    /// <summary>For an account made a moment ago from the same link, before its first sign-in.</summary>
    public async Task<Guid> AcceptForAsync(Guid userId, string secret)
    {
        if (await PreviewAsync(secret) is not { } preview)
            throw new DomainException("This invitation link is not valid. Check that it was copied whole.");
        if (preview.WhyUnusable is { } reason)
            throw new DomainException(reason);
        var hash = Secrets.HashOf(secret);
        try
        {
            await writer.WriteAsync(preview.ProjectId, userId, null, async (db, project, ct) =>
            {
                var invitation = await db.Invitations.Include(i => i.Uses).SingleAsync(i => i.Hash == hash, ct);
                await db.Entry(project).Collection(p => p.Members).LoadAsync(ct);
                if (project.Members.Any(m => m.UserId == userId))
                    throw new AlreadyMemberException();
                var now = clock.GetUtcNow().UtcDateTime;
                invitation.Use(userId, now);
                var member = project.AddMember(userId, invitation.Role, now);
                return new RoomEventDraft(new MemberAdded(userId, member.Role, invitation.Id));
            });
        }
        catch (AlreadyMemberException)
        {
            // Already in: the link just leads them to the board.
        }
        return preview.ProjectId;
    }

    private Task<Guid> RequireManagerAsync(Actor actor, Guid projectId) =>
        access.RequireRoleAsync(actor, projectId, ProjectRolePolicy.CanManageMembers, "Only the project's director or producer, or an administrator, can change who is in it.");

    private sealed class AlreadyMemberException() : DomainException("Already a member.");
}
