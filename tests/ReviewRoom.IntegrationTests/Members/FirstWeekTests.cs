using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Admin;
using ReviewRoom.Web.Features.Members;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.IntegrationTests.Members;

/// <summary>A new installation without the demo, on a real port.</summary>
public sealed class CleanInstallFixture : IDisposable
{
    public CleanInstallFixture()
    {
        App = new ReviewRoomAppFactory(demo: false);
        BaseAddress = App.StartOnFreePort();
    }

    public ReviewRoomAppFactory App { get; }
    public Uri BaseAddress { get; }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// A team's first week on a clean install: the first administrator from the server's command line (while
/// the server runs), password links, accounts, project creation rules and joining by invitation.
/// </summary>
public sealed partial class FirstWeekTests(CleanInstallFixture fixture) : IClassFixture<CleanInstallFixture>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task CommandLine_OnTheLiveDatabase_MakesTheFirstAdministrator_WhoChoosesAPasswordByLinkOnce()
    {
        var email = $"boss-{Guid.NewGuid():N}@studio.test";

        var created = await AdminAsync("create-user", "--email", email, "--name", "Boss", "--admin", "--url", "https://review.example.com");
        var link = Assert.Single(LinkPattern().Matches(created.Output)).Value;
        Assert.StartsWith("https://review.example.com/account/reset-password?", link);
        var path = link["https://review.example.com".Length..];
        using var browser = Browser();
        using var save = await StaticForm.PostAsync(browser, path, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password });
        using var again = await StaticForm.PostAsync(Browser(), path, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = "another password", ["Input.ConfirmPassword"] = "another password" });
        var listed = await AdminAsync("list-users");
        await using var boss = await LivePerson.SignInAsync(fixture.BaseAddress, email, Password);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Contains("used or has expired", await again.Content.ReadAsStringAsync());
        Assert.Matches($@"{Regex.Escape(email)}\tBoss\tadmin\tactive", listed.Output);
        using var adminPage = await boss.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);
    }

    [Fact]
    public async Task CommandLine_DisableResetAddMemberAndToken_ActOnTheRunningServer()
    {
        var (directorId, director) = await NewAccountAsync("Director");
        var (_, editorEmail) = await NewPersonByEmailAsync("Editor");
        var projectName = $"Harbour {Guid.NewGuid():N}";
        var projectId = await fixture.App.Services.GetRequiredService<ProjectCommands>().CreateProjectAsync(director, projectName, "");

        var added = await AdminAsync("add-member", "--project", projectName, "--email", editorEmail, "--role", "vfx-lead");
        var token = await AdminAsync("create-token", "--project", projectId.ToString(), "--name", "render farm", "--scope", "read");
        var disabled = await AdminAsync("disable-user", "--email", editorEmail);
        var signInWhileDisabled = await Record.ExceptionAsync(() => LivePerson.SignInAsync(fixture.BaseAddress, editorEmail, Password));
        var enabled = await AdminAsync("enable-user", "--email", editorEmail);
        await using var editor = await LivePerson.SignInAsync(fixture.BaseAddress, editorEmail, Password);
        var badRole = await AdminAsync("add-member", "--project", projectName, "--email", editorEmail, "--role", "king");
        var unknownProject = await AdminAsync("create-token", "--project", "No such film", "--name", "x");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(ProjectRole.VfxLead, await fixture.App.Services.GetRequiredService<ProjectQueries>().GetRoleAsync(projectId, (await IdOfAsync(editorEmail))));
        Assert.Equal(0, token.ExitCode);
        using var api = new HttpClient { BaseAddress = fixture.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.Output.Trim());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/projects/{projectId}/shots")).StatusCode);
        Assert.Equal(0, disabled.ExitCode);
        Assert.NotNull(signInWhileDisabled);
        Assert.Equal(0, enabled.ExitCode);
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("--role is one of", badRole.Error);
        Assert.Equal(1, unknownProject.ExitCode);
        Assert.Contains("No project has the id or name", unknownProject.Error);
        Assert.NotEqual(Guid.Empty, directorId);
    }

    [Fact]
    public async Task Administration_DisablingEndsSessions_TheLastAdministratorStays_AndOthersAreRefused()
    {
        var (adminId, adminPrincipal) = await NewAccountAsync("Admin", admin: true);
        var (writerId, writer) = await NewAccountAsync("Writer");
        var writerEmail = (await ListAsync()).Single(a => a.Id == writerId).Email;
        await using var writerLive = await LivePerson.SignInAsync(fixture.BaseAddress, writerEmail, Password);
        using var scope = fixture.App.Services.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<AccountAdministration>();

        var actor = await administration.RequireAdminAsync(adminPrincipal);
        var notAdmin = await Assert.ThrowsAsync<DomainException>(() => administration.RequireAdminAsync(writer));
        await administration.SetDisabledAsync(actor, writerId, disabled: true);
        using var afterDisable = await writerLive.Http.GetAsync("/api/v1/projects");
        var self = await Assert.ThrowsAsync<DomainException>(() => administration.SetDisabledAsync(actor, adminId, disabled: true));
        var others = (await administration.ListAsync(actor)).Where(a => a.IsAdmin && a.Id != adminId).ToList();
        foreach (var other in others)
            await administration.SetAdminAsync(actor, other.Id, admin: false);
        var last = await Assert.ThrowsAsync<DomainException>(() => administration.SetAdminAsync(actor, adminId, admin: false));
        foreach (var other in others)
            await administration.SetAdminAsync(actor, other.Id, admin: true);
        await administration.SetDisabledAsync(actor, writerId, disabled: false);

        Assert.Contains("administrator", notAdmin.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Contains("your own account", self.Message);
        Assert.Contains("at least one administrator", last.Message);
    }

    [Fact]
    public async Task WhoMayStartProjects_AdministratorsAndProducers_TurnsOthersAwayWithAReason()
    {
        var (_, admin) = await NewAccountAsync("Admin", admin: true);
        var (_, writer) = await NewAccountAsync("Writer");
        var (_, producer) = await NewAccountAsync("Producer");
        var projects = fixture.App.Services.GetRequiredService<ProjectCommands>();
        var projectId = await projects.CreateProjectAsync(admin, "Producers' film " + Guid.NewGuid().ToString("N"), "");
        await fixture.App.Services.GetRequiredService<MemberCommands>().AddExistingAsync(admin, projectId,
            (await ListAsync()).Single(a => a.Id == producer.UserId).Email, ProjectRole.Producer);
        using var scope = fixture.App.Services.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var actor = await administration.RequireAdminAsync(admin);

        await administration.SetProjectCreatorsAsync(actor, ProjectCreators.AdministratorsAndProducers);
        try
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => projects.CreateProjectAsync(writer, "Mine", ""));
            var byProducer = await projects.CreateProjectAsync(producer, "Producer's own " + Guid.NewGuid().ToString("N"), "");

            Assert.Contains("administrators and producers", refused.Message);
            Assert.NotEqual(Guid.Empty, byProducer);
        }
        finally
        {
            await administration.SetProjectCreatorsAsync(actor, ProjectCreators.Everyone);
        }
        Assert.NotEqual(Guid.Empty, await projects.CreateProjectAsync(writer, "Anyone's " + Guid.NewGuid().ToString("N"), ""));
    }

    [Fact]
    public async Task InvitationPage_ANewPersonMakesAnAccount_AndLandsOnTheBoardWithTheRole()
    {
        var (_, director) = await NewAccountAsync("Director");
        var projectId = await fixture.App.Services.GetRequiredService<ProjectCommands>().CreateProjectAsync(director, "Invited film " + Guid.NewGuid().ToString("N"), "");
        var (_, secret) = await fixture.App.Services.GetRequiredService<MemberCommands>().InviteAsync(director, projectId, ProjectRole.Writer, "Wren", TimeSpan.FromDays(7), singleUse: true);
        var email = $"wren-{Guid.NewGuid():N}@studio.test";
        using var browser = Browser();

        var invitation = await browser.GetStringAsync($"/invite/{secret}");
        using var joined = await StaticForm.PostAsync(browser, $"/invite/{secret}", "invite-account", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Wren",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        using var board = await browser.GetAsync($"/projects/{projectId}");
        var usedUp = await Browser().GetStringAsync($"/invite/{secret}");

        Assert.Contains("as <strong data-testid=\"invitation-role\">Writer</strong>", invitation);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.EndsWith($"/projects/{projectId}", joined.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Equal(ProjectRole.Writer, await fixture.App.Services.GetRequiredService<ProjectQueries>().GetRoleAsync(projectId, await IdOfAsync(email)));
        Assert.Contains("already been used", usedUp);
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.BaseAddress };

    private async Task<(Guid Id, Actor Principal)> NewAccountAsync(string name, bool admin = false)
    {
        using var scope = fixture.App.Services.CreateScope();
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@studio.test";
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(name, email, Password, admin);
        Assert.True(user is not null, string.Join(" ", errors));
        Claim[] claims = admin
            ? [new(ClaimTypes.NameIdentifier, user!.Id.ToString()), new(ClaimTypes.Role, AccountSetup.AdminRole)]
            : [new(ClaimTypes.NameIdentifier, user!.Id.ToString())];
        return (user.Id, new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role)).ToActor());
    }

    private async Task<(Guid Id, string Email)> NewPersonByEmailAsync(string name)
    {
        var (id, _) = await NewAccountAsync(name);
        return (id, (await ListAsync()).Single(a => a.Id == id).Email);
    }

    private async Task<IReadOnlyList<AccountView>> ListAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountAdministration>().ListAsync(AdminActor.CommandLine);
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        using var scope = fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AccountAdministration>().FindByEmailAsync(email);
    }

    private sealed record CommandResult(int ExitCode, string Output, string Error);

    /// <summary>The built server program run as the README says (<c>admin ...</c>), on the test's database while the test's server runs.</summary>
    private async Task<CommandResult> AdminAsync(params string[] args)
    {
        var root = Repository.Root;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(root, "src", "ReviewRoom.Web", "bin", configuration, "net10.0", "ReviewRoom.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("admin");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Database__Provider"] = TestDatabase.Provider;
        start.Environment["Database__ConnectionString"] = TestDatabase.ConnectionStringFor(fixture.App.DataFolder);
        start.Environment["Media__Folder"] = fixture.App.MediaFolder;
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(fixture.App.DataFolder, "keys");
        start.Environment["Demo__Enabled"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex LinkPattern();
}
