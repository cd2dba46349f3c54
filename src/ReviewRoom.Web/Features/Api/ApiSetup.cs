using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;
using ReviewRoom.Web.Features.Ingest;
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
        ["Uploads"] = "Resumable uploads by the tus 1.0 protocol, for large files.",
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
            .RequireAuthenticatedUser());
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

    public static void MapReviewRoomApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(CallerPolicy).DisableAntiforgery();
        api.MapTusUploads();
        api.MapPipelineApi();
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("ReviewRoom pipeline API")
            .WithOpenApiRoutePattern(OpenApiPath)
            .AddHttpAuthentication("token", _ => { }));
    }
}
