using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Web.Features.Admin;

namespace ReviewRoom.Web.Hosting;

/// <summary>
/// <c>admin ...</c>: account and project chores for self-hosters without a browser on the server. It opens
/// the same database as the server (also while the server runs) and goes through the same commands as
/// the pages, acting as the server itself.
/// </summary>
public static class AdminCommandLine
{
    public const string Verb = "admin";

    public static bool IsAdminCommand(string[] args) => args.Length > 0 && args[0] == Verb;

    private const string Usage = """
        Usage: admin <command> [options]

          list-users
          create-user    --email EMAIL --name NAME [--admin]     prints a one-time link to choose a password
          reset-password --email EMAIL                           prints a one-time link to choose a new password
          disable-user   --email EMAIL                           ends their sessions; they cannot sign in
          enable-user    --email EMAIL
          make-admin     --email EMAIL
          add-member     --project PROJECT --email EMAIL --role director|writer|vfxlead|producer|viewer
          create-token   --project PROJECT --name NAME [--scope read|ingest]    prints the token once

        PROJECT is a project's id or its exact name. Links start with Site:PublicUrl from appsettings.json
        (or the first address in Urls); pass --url https://review.example.com to use another.
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        Dictionary<string, string?> options;
        try
        {
            options = ParseOptions(args[1..]);
        }
        catch (DomainException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        try
        {
            await ActivatorUtilities.CreateInstance<DatabaseMigrator>(provider).StartAsync(CancellationToken.None);
            var admin = provider.GetRequiredService<AccountAdministration>();
            var actor = AdminActor.CommandLine;
            var baseUrl = BaseUrl(options, provider.GetRequiredService<IConfiguration>());
            switch (args[0])
            {
                case "list-users":
                    foreach (var account in await admin.ListAsync(actor))
                        output.WriteLine($"{account.Email}\t{account.DisplayName}\t{(account.IsAdmin ? "admin" : "-")}\t{(account.IsDisabled ? "disabled" : account.HasPassword ? "active" : "no password yet")}\t{account.ProjectCount} project(s)");
                    return 0;
                case "create-user":
                    var (userId, link) = await admin.CreateAsync(actor, Required(options, "name"), Required(options, "email"), password: null, options.ContainsKey("admin"));
                    output.WriteLine($"Created {Required(options, "email")} ({userId}).");
                    output.WriteLine($"Send them this link to choose a password (works once, for 24 hours): {baseUrl}{link}");
                    if (await admin.EmailPasswordLinkAsync(actor, userId, $"{baseUrl}{link}", newAccount: true))
                        output.WriteLine($"Emailed it to {Required(options, "email")}.");
                    return 0;
                case "reset-password":
                    var resetFor = await admin.FindByEmailAsync(Required(options, "email"));
                    var resetLink = await admin.ResetPasswordLinkAsync(actor, resetFor);
                    output.WriteLine($"Send them this link to choose a new password (works once, for 24 hours): {baseUrl}{resetLink}");
                    if (await admin.EmailPasswordLinkAsync(actor, resetFor, $"{baseUrl}{resetLink}", newAccount: false))
                        output.WriteLine($"Emailed it to {Required(options, "email")}.");
                    return 0;
                case "disable-user" or "enable-user":
                    var disable = args[0] == "disable-user";
                    await admin.SetDisabledAsync(actor, await admin.FindByEmailAsync(Required(options, "email")), disable);
                    output.WriteLine(disable ? $"Disabled {Required(options, "email")}; their open sessions end within a minute." : $"Enabled {Required(options, "email")}.");
                    return 0;
                case "make-admin":
                    await admin.SetAdminAsync(actor, await admin.FindByEmailAsync(Required(options, "email")), admin: true);
                    output.WriteLine($"{Required(options, "email")} is an administrator from their next sign-in.");
                    return 0;
                case "add-member":
                    var projectId = await ProjectIdAsync(provider, Required(options, "project"));
                    var member = await admin.FindByEmailAsync(Required(options, "email"));
                    var role = ParseRole(Required(options, "role"));
                    await provider.GetRequiredService<Features.Projects.ProjectCommands>().AddMemberAsync(projectId, null, member, role, DateTime.UtcNow);
                    output.WriteLine($"Added {Required(options, "email")} as {ProjectRolePolicy.DisplayName(role)}.");
                    return 0;
                case "create-token":
                    var tokenProject = await ProjectIdAsync(provider, Required(options, "project"));
                    var scopeName = options.GetValueOrDefault("scope") ?? "ingest";
                    var tokenScope = scopeName switch
                    {
                        "read" => ApiTokenScope.Read,
                        "ingest" => ApiTokenScope.ReadIngest,
                        _ => throw new DomainException($"--scope is read or ingest, not {scopeName}."),
                    };
                    var owner = await ManagerOfAsync(provider, tokenProject);
                    var (_, secret) = await provider.GetRequiredService<Features.Api.ApiTokenCommands>()
                        .CreateForAsync(tokenProject, owner, null, Required(options, "name"), tokenScope);
                    output.WriteLine(secret);
                    error.WriteLine("This token is shown once; ReviewRoom keeps only a fingerprint. Use it as: Authorization: Bearer <token>");
                    return 0;
                default:
                    error.WriteLine($"There is no admin command '{args[0]}'.");
                    output.WriteLine(Usage);
                    return 2;
            }
        }
        catch (DomainException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    private static Dictionary<string, string?> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length < 3)
                throw new DomainException($"Expected an option such as --email, not '{args[i]}'.");
            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }
        return options;
    }

    private static string Required(Dictionary<string, string?> options, string name) =>
        options.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new DomainException($"Give --{name}.");

    private static ProjectRole ParseRole(string text)
    {
        var key = text.Replace(" ", "").Replace("-", "");
        foreach (var role in ProjectRolePolicy.MemberRoles)
            if (string.Equals(role.ToString(), key, StringComparison.OrdinalIgnoreCase))
                return role;
        throw new DomainException($"--role is one of director, writer, vfxlead, producer, viewer; not {text}.");
    }

    private static async Task<Guid> ProjectIdAsync(IServiceProvider provider, string idOrName)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        if (Guid.TryParse(idOrName, out var id) && await db.Projects.AnyAsync(p => p.Id == id))
            return id;
        var named = await db.Projects.Where(p => p.Name == idOrName).Select(p => p.Id).ToListAsync();
        return named.Count switch
        {
            1 => named[0],
            0 => throw new DomainException($"No project has the id or name '{idOrName}'."),
            _ => throw new DomainException($"{named.Count} projects are called '{idOrName}'; give its id instead."),
        };
    }

    /// <summary>A token belongs to a person; from the command line, to the project's director or producer.</summary>
    private static async Task<Guid> ManagerOfAsync(IServiceProvider provider, Guid projectId)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.ProjectMembers.Where(m => m.ProjectId == projectId && (m.Role == ProjectRole.Director || m.Role == ProjectRole.Producer))
            .OrderBy(m => m.JoinedAt).Select(m => (Guid?)m.UserId).FirstOrDefaultAsync()
            ?? throw new DomainException("The project has no director or producer to hold the token; add one first.");
    }

    private static string BaseUrl(Dictionary<string, string?> options, IConfiguration configuration) =>
        options.GetValueOrDefault("url") is { Length: > 0 } given ? given.TrimEnd('/') : Features.Email.SiteAddress.BaseUrl(configuration);
}
