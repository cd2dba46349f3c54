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
        });
        builder.Services.AddAuthorization();

        builder.Services.AddIdentityCore<ReviewRoomUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length beats composition rules (NIST SP 800-63B); eight characters minimum.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ReviewRoomDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ReviewRoomClaimsFactory>()
            .AddDefaultTokenProviders();
        builder.Services.AddScoped<AccountService>();
    }

    private static Task RejectApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/media")
            || context.Request.Path.StartsWithSegments(Rooms.ReviewHub.Path))
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
        app.MapPost("/api/session", async (SessionRequest request, SignInManager<ReviewRoomUser> signInManager) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                return Results.Problem("Send an email and a password.", statusCode: StatusCodes.Status400BadRequest);
            var result = await signInManager.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
            return result.Succeeded
                ? Results.NoContent()
                : Results.Problem(
                    result.IsLockedOut ? "Too many failed attempts: this account is locked for a few minutes." : "That email and password do not match an account.",
                    statusCode: StatusCodes.Status401Unauthorized);
        });
        app.MapDelete("/api/session", async (SignInManager<ReviewRoomUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return Results.NoContent();
        });

        app.MapPost("/account/signout", async ([FromForm] string? returnUrl, SignInManager<ReviewRoomUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return Results.LocalRedirect(SignInPath);
        });
    }

    private sealed class ReviewRoomClaimsFactory(
        UserManager<ReviewRoomUser> userManager,
        RoleManager<IdentityRole<Guid>> roleManager,
        IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<ReviewRoomUser, IdentityRole<Guid>>(userManager, roleManager, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ReviewRoomUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(new Claim(UserClaims.DisplayName, user.DisplayName));
            return identity;
        }
    }
}
