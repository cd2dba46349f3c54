using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Web.Features.Account;

/// <summary>The form a person fills to make their own account: at first-run setup, from an invitation, or by an administrator.</summary>
public sealed class NewAccountInput
{
    [Required(ErrorMessage = "Enter a name, as the team should see it.")]
    [StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter an email.")]
    [EmailAddress(ErrorMessage = "That does not look like an email address.")]
    [StringLength(256, ErrorMessage = "That email is too long.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 8, ErrorMessage = "Use at least 8 characters.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";
}
