using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReviewRoom.Data;
using ReviewRoom.Data.Identity;

namespace ReviewRoom.Web.Features.Account;

public static class AccountSetup
{
    public const string AdminRole = "Admin";
    public const string SignInPath = "/account/signin";
    public const string SetupPath = "/account/setup";

    /// <summary>For the pages and media a guest may open too; what they may see there is checked per take.</summary>
    public const string MembersAndGuestsPolicy = "MembersAndGuests";

    /// <summary>
    /// The stamp check rebuilds a signed-in principal from the account every minute. The server-side session it came
    /// from is not part of the account, so it is carried into the new one: without it, every page and hub connection
    /// opened after that minute would be closed as signed out. Everything else comes from the account as it is now.
    /// </summary>
    internal static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SessionStore.SessionClaim) is { } session
            && context.NewPrincipal?.Identity is ClaimsIdentity rebuilt && !rebuilt.HasClaim(c => c.Type == SessionStore.SessionClaim))
            rebuilt.AddClaim(new Claim(SessionStore.SessionClaim, session.Value));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The security stamp check, in a scope of its own. The account store it reads holds a database context, and a
    /// request's own scope lasts as long as the request: for a page's live connection (a WebSocket) and a hub client's,
    /// as long as it stays open, so each open page kept a pooled context and Identity's managers. Now they go back as
    /// soon as the check is done.
    /// </summary>
    internal static async Task ValidateStampInOwnScopeAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        await using var scope = context.HttpContext.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>().ValidateAsync(context);
    }

    public static void AddReviewRoomAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "ReviewRoom.Auth";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            // Programs calling the API want a status code, not a sign-in page.
            options.Events.OnRedirectToLogin = context => RejectApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RejectApiOrRedirect(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = ValidateStampInOwnScopeAsync;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The cookie names a session kept on the server, so signing out ends it there.
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SessionValidator>();
        builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionStore>((options, store) => options.SessionStore = store);
        // A changed security stamp (password reset, account disabled) ends other sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = KeepSessionClaim;
        });
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService<HubSessionSweeper>();
        // [Authorize] alone means a member's account; the few pages a guest on a review link may open say so.
        builder.Services.AddAuthorization(options =>
        {
            options.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                .RequireAssertion(context => !context.User.IsGuest()).Build();
            options.AddPolicy(MembersAndGuestsPolicy, policy => policy.RequireAuthenticatedUser());
        });

        builder.Services.AddIdentityCore<ReviewRoomUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length beats composition rules (NIST SP 800-63B); eight characters minimum.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                // Failed passwords never lock an account (SignInGate limits attempts instead); only an administrator's lock does.
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ReviewRoomDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ReviewRoomClaimsFactory>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<SignInGate>();
    }

    private static Task RejectApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/media", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(Rooms.ReviewHub.Path, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Signing in for programs (hub clients, pipeline scripts): JSON in, the same sign-in cookie out.</summary>
    public sealed record SessionRequest(string Email, string Password);

    public static void MapReviewRoomAccounts(this WebApplication app)
    {
        app.MapPost("/api/session", async (SessionRequest request, SignInGate gate, HttpContext context) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                return Results.Problem("Send an email and a password.", statusCode: StatusCodes.Status400BadRequest);
            var outcome = await gate.SignInAsync(request.Email, request.Password, persistent: false, context);
            if (outcome.Succeeded)
                return Results.NoContent();
            if (outcome.RetryAfter is { } wait)
                context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(outcome.Error, statusCode: outcome.RetryAfter is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status429TooManyRequests);
        });
        app.MapDelete("/api/session", async (SignInManager<ReviewRoomUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return Results.NoContent();
        });

        app.MapPost("/account/signout", async ([FromForm] string? returnUrl, SignInManager<ReviewRoomUser> signInManager, ClaimsPrincipal user) =>
        {
            // A guest has no account to sign in to again: they come back by opening their link.
            var leavingGuest = user.IsGuest();
            await signInManager.SignOutAsync();
            return Results.LocalRedirect(leavingGuest ? $"{Members.ReviewLinkCommands.EndedPath}?left=true" : SignInPath);
        });
    }

    private sealed class ReviewRoomClaimsFactory(
        UserManager<ReviewRoomUser> userManager,
        RoleManager<IdentityRole<Guid>> roleManager,
        ReviewRoomDbContext db,
        IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<ReviewRoomUser, IdentityRole<Guid>>(userManager, roleManager, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ReviewRoomUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(new Claim(UserClaims.DisplayName, user.DisplayName));
            // Read again whenever the principal is rebuilt (the security stamp check), so a guest stays a guest.
            var guestLink = await db.ReviewLinkGuests.Where(g => g.UserId == user.Id).Select(g => (Guid?)g.LinkId).SingleOrDefaultAsync();
            if (guestLink is { } linkId)
                identity.AddClaim(new Claim(UserClaims.GuestLink, linkId.ToString()));
            return identity;
        }
    }
}
