using ReviewRoom.Core;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Email;

/// <summary>The mail ReviewRoom sends people, worded in one place.</summary>
public static partial class EmailMessages
{
    public const int MaxAddressLength = 256;

    /// <summary>
    /// An address someone typed, checked before anything is sent to it. Deliberately narrower than RFC 5322
    /// (no quoted names, encoded words or lists): every studio address fits, and nothing can smuggle a header.
    /// </summary>
    public static string ValidAddress(string? typed)
    {
        var address = typed ?? "";
        if (address.Length is 0 or > MaxAddressLength || !PlainAddress().IsMatch(address))
            throw new DomainException("That does not look like an email address.");
        return address;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)+$", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex PlainAddress();

    public static MailMessage Invitation(string to, string projectName, ProjectRole role, string invitedBy, string link, DateTime expiresAtUtc) =>
        new(to, "", $"{invitedBy} invited you to review {projectName}",
            $"""
            {invitedBy} invited you to review {projectName} on ReviewRoom as {ProjectRolePolicy.DisplayName(role)}.

            Open this link to make your account (or sign in) and join:
            {link}

            The link works until {expiresAtUtc:d MMM yyyy, HH:mm} UTC. If you did not expect it, ignore this mail.
            """);

    public static MailMessage PasswordLink(string to, string name, string link, bool newAccount) =>
        new(to, name, newAccount ? "Your ReviewRoom account" : "Choose a new ReviewRoom password",
            $"""
            Hello {name},

            {(newAccount ? "An administrator made you a ReviewRoom account." : "An administrator sent you a link to choose a new password.")}
            Choose your password here (the link works once, for 24 hours):
            {link}

            If you did not expect this, tell your studio's ReviewRoom administrator.
            """);
}
