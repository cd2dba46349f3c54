using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Data.Identity;

namespace ReviewRoom.Web.Features.Account;

/// <summary>Creating accounts, shared by first-run setup and the demo seeder.</summary>
public sealed class AccountService(UserManager<ReviewRoomUser> userManager, RoleManager<IdentityRole<Guid>> roleManager,
    IDbContextFactory<ReviewRoom.Data.ReviewRoomDbContext> contextFactory)
{
    public Task<bool> AnyAccountExistsAsync(CancellationToken cancellationToken = default) =>
        userManager.Users.AnyAsync(cancellationToken);

    /// <summary>
    /// Creates an account, or returns the reasons it could not, worded for the person filling the form.
    /// Without a password the person sets one through a one-time link.
    /// </summary>
    public async Task<(ReviewRoomUser? User, IReadOnlyList<string> Errors)> CreateAsync(
        string displayName, string email, string? password, bool admin)
    {
        var user = new ReviewRoomUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
        };
        var normalized = userManager.NormalizeEmail(user.Email);
        if (await userManager.Users.AnyAsync(u => u.NormalizedEmail == normalized))
            return (null, ["An account with that email already exists. Sign in with it instead."]);
        var result = password is null ? await userManager.CreateAsync(user) : await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
            return (null, result.Errors.Select(e => e.Description).ToList());
        if (admin)
        {
            await EnsureAdminRoleAsync();
            await userManager.AddToRoleAsync(user, AccountSetup.AdminRole);
        }
        return (user, []);
    }

    public async Task EnsureAdminRoleAsync()
    {
        if (!await roleManager.RoleExistsAsync(AccountSetup.AdminRole))
            await roleManager.CreateAsync(new IdentityRole<Guid>(AccountSetup.AdminRole));
    }

    /// <summary>How many projects each account is a member of.</summary>
    public async Task<Dictionary<Guid, int>> ProjectCountsAsync()
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        return await db.ProjectMembers.GroupBy(m => m.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }
}
