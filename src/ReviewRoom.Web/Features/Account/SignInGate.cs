using Microsoft.AspNetCore.Identity;
using ReviewRoom.Data.Identity;
using ReviewRoom.Web.Features.Security;

namespace ReviewRoom.Web.Features.Account;

public sealed record SignInOutcome(bool Succeeded, string? Error, TimeSpan? RetryAfter = null);

/// <summary>
/// The one way a person signs in, from the form and from programs alike. Attempts are limited per
/// email-and-address and per address; failures never lock an account (anyone could lock a colleague
/// out by typing wrong passwords), and every refusal reads the same whether the email exists or not.
/// </summary>
public sealed class SignInGate(SignInManager<ReviewRoomUser> signInManager, RateLimits limits)
{
    public const string Mismatch = "That email and password do not match an account.";

    public async Task<SignInOutcome> SignInAsync(string email, string password, bool persistent, HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (await limits.TrySignInAsync(email, address) is { } wait)
            return new(false, $"Too many sign-in attempts from here. Try again in {RateLimits.Describe(wait)}.", wait);
        if (email.Length > 256 || password.Length > 1024)
            return new(false, Mismatch);
        var result = await signInManager.PasswordSignInAsync(email.Trim(), password, persistent, lockoutOnFailure: false);
        // A disabled account answers like a wrong password: the form must not tell strangers which emails exist.
        return result.Succeeded ? new(true, null) : new(false, Mismatch);
    }
}
