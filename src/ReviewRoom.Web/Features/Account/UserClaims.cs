using System.Security.Claims;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Account;

public static class UserClaims
{
    public const string DisplayName = "reviewroom:display_name";

    /// <summary>Set only for a guest: the review link they came in by, which bounds everything they may see.</summary>
    public const string GuestLink = "reviewroom:guest_link";

    /// <summary>The signed-in person's id, from the server-issued cookie; null for anonymous users.</summary>
    public static Guid? GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string GetDisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayName) is { Length: > 0 } name ? name : principal.Identity?.Name ?? "";

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(AccountSetup.AdminRole);

    /// <summary>The review link a guest came in by; null for members and anonymous users.</summary>
    public static Guid? GetGuestLinkId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(GuestLink), out var id) ? id : null;

    public static bool IsGuest(this ClaimsPrincipal principal) => principal.GetGuestLinkId() is not null;

    /// <summary>
    /// Who the server signed this caller in as, read once where a request, circuit or hub connection enters and
    /// handed to commands: a pipeline's token, a guest's review link, a person's account, or nobody.
    /// </summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        if (ApiTokenClaims.Read(principal) is { } pipeline)
            return pipeline;
        if (principal.GetUserId() is not { } userId)
            return Actor.Anonymous.Instance;
        return principal.GetGuestLinkId() is { } linkId
            ? new Actor.Guest(userId, principal.GetDisplayName(), linkId)
            : new Actor.Person(userId, principal.GetDisplayName(), principal.IsAdmin());
    }
}
