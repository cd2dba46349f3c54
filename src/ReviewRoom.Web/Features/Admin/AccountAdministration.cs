using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Identity;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.Web.Features.Admin;

public sealed record AccountView(Guid Id, string DisplayName, string Email, bool IsAdmin, bool IsDisabled, int ProjectCount, bool HasPassword);

/// <summary>
/// Who acts in the administration area: an administrator checked against the database (not only the
/// sign-in cookie), or the server's own command line, whose user already holds the database file.
/// </summary>
public sealed class AdminActor
{
    private AdminActor(Guid? userId) => UserId = userId;

    public Guid? UserId { get; }

    public static AdminActor CommandLine { get; } = new(null);

    internal static AdminActor Administrator(Guid userId) => new(userId);
}

/// <summary>
/// Accounts for a site administrator: list, create, disable and enable, one-time password links and the
/// administrator role. Disabling ends the person's sessions, circuits and hub connections (see SessionValidator).
/// </summary>
public sealed class AccountAdministration(
    UserManager<ReviewRoomUser> users,
    AccountService accounts,
    SessionStore sessions,
    SiteSettings settings,
    Email.Mailer mailer)
{
    public const string ResetPasswordPath = "/account/reset-password";

    public async Task<AdminActor> RequireAdminAsync(Actor actor)
    {
        if (actor is Actor.Person { Id: var id } && await users.FindByIdAsync(id.ToString()) is { } user
            && !await users.IsLockedOutAsync(user) && await users.IsInRoleAsync(user, AccountSetup.AdminRole))
            return AdminActor.Administrator(id);
        throw DomainException.Forbidden("Only a site administrator can manage accounts.");
    }

    public async Task<IReadOnlyList<AccountView>> ListAsync(AdminActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var admins = (await users.GetUsersInRoleAsync(AccountSetup.AdminRole)).Select(u => u.Id).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        // Guests on review links have no email and no password: they are not accounts anyone manages.
        var all = await users.Users.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd, u.PasswordHash })
            .ToListAsync();
        var counts = await accounts.ProjectCountsAsync();
        return all.OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new AccountView(u.Id, u.DisplayName, u.Email ?? "", admins.Contains(u.Id), u.LockoutEnd > now,
                counts.GetValueOrDefault(u.Id), u.PasswordHash is not null))
            .ToList();
    }

    /// <summary>
    /// Makes an account. Without a password, the person chooses one through the returned one-time link
    /// (the administrator never needs to know it).
    /// </summary>
    public async Task<(Guid UserId, string? PasswordLink)> CreateAsync(AdminActor actor, string displayName, string email, string? password, bool admin)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var input = new NewAccountInput { DisplayName = displayName ?? "", Email = email ?? "", Password = password ?? "", ConfirmPassword = password ?? "" };
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(input, new(input), problems, validateAllProperties: true);
        problems.RemoveAll(p => string.IsNullOrEmpty(password) && p.MemberNames.Contains(nameof(NewAccountInput.Password)));
        if (problems.Count > 0)
            throw new DomainException(string.Join(" ", problems.Select(p => p.ErrorMessage)));
        var (user, errors) = await accounts.CreateAsync(input.DisplayName, input.Email, string.IsNullOrEmpty(password) ? null : password, admin);
        if (user is null)
            throw new DomainException(string.Join(" ", errors));
        return (user.Id, string.IsNullOrEmpty(password) ? await PasswordLinkAsync(user) : null);
    }

    public async Task SetDisabledAsync(AdminActor actor, Guid userId, bool disabled)
    {
        var user = await FindAsync(userId);
        if (disabled && actor.UserId == userId)
            throw new DomainException("You cannot disable your own account; ask another administrator.");
        if (disabled && await users.IsInRoleAsync(user, AccountSetup.AdminRole) && await OtherActiveAdminsAsync(userId) == 0)
            throw new DomainException("This is the last administrator who can sign in; make someone else an administrator first.");
        Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null));
        if (disabled)
        {
            Check(await users.UpdateSecurityStampAsync(user));
            await sessions.EndAllAsync(userId);
        }
    }

    /// <summary>A one-time link for the person to choose a new password; the old one stops working when they do.</summary>
    public async Task<string> ResetPasswordLinkAsync(AdminActor actor, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await PasswordLinkAsync(await FindAsync(userId));
    }

    /// <summary>Emails a password link to the account's own address; false when the server sends no mail or the send failed.</summary>
    public async Task<bool> EmailPasswordLinkAsync(AdminActor actor, Guid userId, string absoluteLink, bool newAccount)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindAsync(userId);
        return mailer.IsConfigured && user.Email is { Length: > 0 } email
            && await mailer.TrySendAsync(Email.EmailMessages.PasswordLink(email, user.DisplayName, absoluteLink, newAccount));
    }

    public async Task SetAdminAsync(AdminActor actor, Guid userId, bool admin)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindAsync(userId);
        var isAdmin = await users.IsInRoleAsync(user, AccountSetup.AdminRole);
        if (isAdmin == admin)
            return;
        if (admin)
        {
            await accounts.EnsureAdminRoleAsync();
            Check(await users.AddToRoleAsync(user, AccountSetup.AdminRole));
            return;
        }
        if (await OtherActiveAdminsAsync(userId) == 0)
            throw new DomainException("ReviewRoom needs at least one administrator; make someone else an administrator first.");
        Check(await users.RemoveFromRoleAsync(user, AccountSetup.AdminRole));
        // The role is in their sign-in: make them sign in again so it is gone at once.
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(userId);
    }

    public Task<ProjectCreators> GetProjectCreatorsAsync() => settings.GetProjectCreatorsAsync();

    public Task SetProjectCreatorsAsync(AdminActor actor, ProjectCreators creators)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(creators))
            throw new DomainException("Choose who may create projects from the list.");
        return settings.SetProjectCreatorsAsync(creators);
    }

    public async Task<Guid> FindByEmailAsync(string email) =>
        (await users.FindByEmailAsync((email ?? "").Trim()))?.Id ?? throw new DomainException($"No account uses {email}.");

    private async Task<string> PasswordLinkAsync(ReviewRoomUser user)
    {
        var code = await users.GeneratePasswordResetTokenAsync(user);
        return $"{ResetPasswordPath}?user={user.Id}&code={Uri.EscapeDataString(code)}";
    }

    private async Task<int> OtherActiveAdminsAsync(Guid userId)
    {
        var now = DateTimeOffset.UtcNow;
        return (await users.GetUsersInRoleAsync(AccountSetup.AdminRole)).Count(u => u.Id != userId && !(u.LockoutEnd > now));
    }

    private async Task<ReviewRoomUser> FindAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw DomainException.NotFound("That account does not exist.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
