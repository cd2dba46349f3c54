using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Data.Identity;

namespace ReviewRoom.Web.Features.Account;

/// <summary>Creating accounts, shared by first-run setup and the demo seeder.</summary>
public sealed class AccountService(UserManager<ReviewRoomUser> userManager, RoleManager<IdentityRole<Guid>> roleManager)
{
    public Task<bool> AnyAccountExistsAsync(CancellationToken cancellationToken = default) =>
        userManager.Users.AnyAsync(cancellationToken);

    /// <summary>Creates an account, or returns the reasons it could not, worded for the person filling the form.</summary>
    public async Task<(ReviewRoomUser? User, IReadOnlyList<string> Errors)> CreateAsync(
        string displayName, string email, string password, bool admin)
    {
        var user = new ReviewRoomUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
        };
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
            return (null, result.Errors.Select(e => e.Description).ToList());
        if (admin)
        {
            if (!await roleManager.RoleExistsAsync(AccountSetup.AdminRole))
                await roleManager.CreateAsync(new IdentityRole<Guid>(AccountSetup.AdminRole));
            await userManager.AddToRoleAsync(user, AccountSetup.AdminRole);
        }
        return (user, []);
    }
}
