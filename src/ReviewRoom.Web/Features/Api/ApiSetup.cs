using ReviewRoom.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ReviewRoom.Web.Features.Api;

public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string OpenApiPath = "/api/v1/openapi.json";
    public const string DocsPath = "/api/docs";
    private const string CallerPolicy = "ApiCaller";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Projects"] = "Projects and their shots, in cut order.",
        ["Takes"] = "Generated takes: their metadata, files and the ingest jobs that make them.",
        ["Notes"] = "Timecoded notes the team wrote on a take.",
        ["Decisions"] = "Approvals per reviewer, a take's status and the take circled for the cut.",
        ["Generation"] = "Requests for new takes made in the room: claim one, report progress, upload its takes with its requestId, or fail it with a reason.",
        ["Uploads"] = "Resumable uploads by the tus 1.0 protocol, for large files.",
        ["Exports"] = "Notes reports, editors' markers (EDL, FCPXML, OpenTimelineIO) and the cut list, the same files the room's Export menus give.",
    };

    public static void AddReviewRoomApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<ApiAccess>();
        builder.Services.AddSingleton<ApiTokenCommands>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenClaims.Scheme, null);
        // The API takes a project token or a person's sign-in cookie; pages and the hub take only the cookie.
        builder.Services.AddAuthorizationBuilder().AddPolicy(CallerPolicy, policy => policy
            .AddAuthenticationSchemes(ApiTokenClaims.Scheme, IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            // A guest on a review link sees its takes in the browser, never the project through the API.
            .RequireAssertion(context => !Account.UserClaims.IsGuest(context.User)));
        builder.Services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ReviewRoom pipeline API",
                    Version = "v1",
                    Description = "List and read a project's review; create shots; upload generated takes with their generation metadata. "
                        + "Authenticate with a project API token: 'Authorization: Bearer rr_...'. Errors are RFC 7807 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["token"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A project API token, made on the project's Integrations page.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token", document)] = [] }];
                foreach (var server in document.Servers ?? [])
                    server.Url = server.Url?.TrimEnd('/');
                document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                ApiContract.Describe(operation, context);
                return Task.CompletedTask;
            });
        });
    }

    private const string DocsCss = """
        .dark-mode {
          --scalar-background-1: #121316; --scalar-background-2: #1a1c20; --scalar-background-3: #23262b;
          --scalar-color-1: #ececec; --scalar-color-2: #b5b8bf; --scalar-color-3: #8a8f98;
          --scalar-color-accent: #f5a524; --scalar-background-accent: rgba(245, 165, 36, 0.12);
          --scalar-border-color: #2c2f35;
          --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
          --scalar-font-code: ui-monospace, "DejaVu Sans Mono", monospace;
        }
        .rr-docs-bar { display: flex; gap: 16px; align-items: center; padding: 10px 20px; background: #121316; border-bottom: 1px solid #2c2f35;
          font: 14px system-ui, sans-serif; color: #b5b8bf; }
        .rr-docs-bar a { color: #f5a524; text-decoration: none; font-weight: 600; }
        """;

    /// <summary>
    /// The pipeline API's routes: under <see cref="Prefix"/>, for a token or a signed-in member, no antiforgery
    /// (cookie changes are guarded by the origin check). Features with endpoints there (uploads) map onto it.
    /// </summary>
    public static RouteGroupBuilder PipelineGroup(IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix).RequireAuthorization(CallerPolicy).DisableAntiforgery();

    public static void MapReviewRoomApi(this WebApplication app)
    {
        var api = PipelineGroup(app);
        api.MapPipelineApi();
        Handoff.HandoffEndpoints.MapHandoffApi(api);
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        // Served whole from this server: no web fonts, telemetry or add-ons from elsewhere (studios run
        // ReviewRoom offline), in the app's dark colours, with a way back to the app.
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("ReviewRoom pipeline API")
            .WithOpenApiRoutePattern(OpenApiPath)
            .AddHttpAuthentication("token", _ => { })
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools()
            .ForceDarkMode()
            .HideDarkModeToggle()
            .WithTheme(ScalarTheme.None)
            .WithFavicon("/favicon.svg")
            .WithCustomCss(DocsCss)
            .AddHeaderContent("""<nav class="rr-docs-bar"><a href="/">&#8592; Back to ReviewRoom</a><span>Pipeline API reference</span></nav>"""));
    }
}
