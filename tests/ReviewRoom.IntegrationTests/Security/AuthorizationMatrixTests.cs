using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Demo;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Rooms;
using Xunit.Abstractions;

namespace ReviewRoom.IntegrationTests.Security;

/// <summary>
/// Every endpoint, page and hub method the running app exposes, read from its endpoint data sources and
/// the hub's methods (so one added later is covered without editing this test), tried by every kind of
/// caller. An escape is a caller getting what it may not: a success on the demo project's resources for
/// someone without access to it, any change by a caller who may only read, or the project's data in a page.
/// </summary>
public sealed class AuthorizationMatrixTests(LiveAppFixture fixture, ITestOutputHelper output) : IClassFixture<LiveAppFixture>
{
    /// <summary>Routes anyone may use: signing in and out, health, the API's own description.</summary>
    private static readonly string[] Public =
    [
        "/account/signin", "/account/setup", "/account/signout", "/account/reset-password", "/api/session", "/health", "/alive", "/not-found", "/error",
        ApiSetup.OpenApiPath, ApiSetup.DocsPath, "/_blazor", "/_framework", "/_content", "/Account",
    ];

    private static readonly string[] Roles = ["director", "writer", "vfx", "producer", "viewer"];

    private sealed record Caller(string Name, HttpClient Http, string? Cookie, bool SeesProject, bool MayChange);

    private sealed record Ids(Guid Project, Guid Shot, Guid Take, Guid OtherTake, Guid Note, Guid Job, string Upload)
    {
        public Guid Render { get; init; }
        public Guid Request { get; init; }
    }

    [Fact]
    public async Task EveryEndpointAndPage_ByEveryCaller_NoEscapes()
    {
        var ids = await DemoIdsAsync();
        var callers = await CallersAsync();
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.Contains("{**", StringComparison.Ordinal) && !Public.Any(p => ("/" + raw.TrimStart('/')).StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} endpoints found");

        var escapes = new List<string>();
        var tried = 0;
        foreach (var endpoint in endpoints)
        {
            var path = Fill(endpoint.RoutePattern.RawText!, ids);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "OPTIONS"))
            {
                var unsafeMethod = method is not ("GET" or "HEAD");
                var scoped = endpoint.RoutePattern.Parameters.Any(p => p.Name is "projectId" or "ProjectId" or "shotId" or "takeId" or "TakeId" or "TakeIds" or "LeftId" or "jobId" or "renderId" or "requestId" or "id");
                foreach (var caller in callers)
                {
                    using var response = await caller.Http.SendAsync(Request(method, path, caller));
                    var body = method == "HEAD" ? "" : await response.Content.ReadAsStringAsync();
                    var success = (int)response.StatusCode is >= 200 and < 300;
                    var html = response.Content.Headers.ContentType?.MediaType == "text/html";
                    tried++;
                    string? escape = null;
                    if (success && !caller.SeesProject && html && (body.Contains(DemoProject.Name) || body.Contains("SH010")))
                        escape = "page shows the project";
                    else if (success && !caller.SeesProject && !html && (scoped || body.Contains(DemoProject.Id.ToString())))
                        escape = $"{(int)response.StatusCode} on a project it cannot see";
                    else if (success && unsafeMethod && !caller.MayChange && !html)
                        escape = $"{(int)response.StatusCode} for a change it may not make";
                    if (escape is not null)
                        escapes.Add($"{method} {path} as {caller.Name}: {escape}");
                }
            }
        }
        output.WriteLine($"{endpoints.Count} endpoints, {tried} requests");
        Assert.Empty(escapes);
    }

    [Fact]
    public async Task MembersOfTheProject_CanReadEveryApiResource_SoTheMatrixIsReachingThem()
    {
        var ids = await DemoIdsAsync();
        var director = (await CallersAsync()).Single(c => c.Name == "director");
        var reads = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("upload", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true && !e.RoutePattern.RawText.Contains("openapi", StringComparison.Ordinal))
            .Select(e => Fill(e.RoutePattern.RawText!, ids)).Distinct().ToList();

        var failures = new List<string>();
        foreach (var path in reads)
        {
            using var response = await director.Http.SendAsync(Request("GET", path, director));
            if (!response.IsSuccessStatusCode)
                failures.Add($"{path}: {(int)response.StatusCode}");
        }

        Assert.True(reads.Count >= 9, string.Join(", ", reads));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryHubMethod_ByEveryCaller_NoEscapes()
    {
        var ids = await DemoIdsAsync();
        var methods = typeof(ReviewHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync) or nameof(Hub.Dispose)))
            .ToList();
        Assert.True(methods.Count > 15);
        var escapes = new List<string>();
        var callers = await CallersAsync();
        foreach (var caller in callers.Where(c => c.Cookie is not null || c.Name == "anonymous"))
        {
            await using var hub = LivePerson.CreateHubConnection(fixture.BaseAddress, caller.Cookie);
            var connected = await Record.ExceptionAsync(() => hub.StartAsync());
            if (connected is not null)
            {
                if (caller.SeesProject)
                    escapes.Add($"{caller.Name} could not connect: {connected.Message}");
                continue;
            }
            foreach (var method in methods)
            {
                var isRead = method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name is nameof(ReviewHub.JoinProject) or nameof(ReviewHub.SetPresence)
                    // Starring is each member's own preference, viewers included.
                    or nameof(ReviewHub.Vote);
                // Leaving only takes the caller's own connection out of a room; it reads and changes nothing.
                if (method.Name == nameof(ReviewHub.LeaveProject))
                    continue;
                var arguments = method.GetParameters().Select(p => ArgumentFor(p.ParameterType, p.Name!, ids)).ToArray();
                var failed = await Record.ExceptionAsync(() => hub.InvokeCoreAsync<object?>(method.Name, arguments));
                if (failed is null && !caller.SeesProject)
                    escapes.Add($"{method.Name} as {caller.Name}: succeeded on a project it cannot see");
                else if (failed is null && !isRead && !caller.MayChange)
                    escapes.Add($"{method.Name} as {caller.Name}: a change it may not make");
                else if (failed is not null and not HubException)
                    escapes.Add($"{method.Name} as {caller.Name}: {failed.GetType().Name} {failed.Message}");
            }
        }
        Assert.Empty(escapes);
    }

    private static HttpRequestMessage Request(string method, string path, Caller caller)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{\"code\":\"SH999\"}", Encoding.UTF8, "application/json");
        if (method is "POST" or "PATCH" or "DELETE" or "HEAD")
        {
            request.Headers.Add("Tus-Resumable", "1.0.0");
            request.Headers.Add("Upload-Length", "10");
            request.Headers.Add("Upload-Offset", "0");
        }
        if (caller.Cookie is not null)
            request.Headers.Add("Cookie", caller.Cookie);
        return request;
    }

    private static string Fill(string pattern, Ids ids)
    {
        var path = "/" + pattern.TrimStart('/');
        foreach (var (name, value) in new (string, string)[]
                 {
                     ("projectId", ids.Project.ToString()), ("shotId", ids.Shot.ToString()), ("takeId", ids.Take.ToString()),
                     ("LeftId", ids.Take.ToString()), ("RightId", ids.OtherTake.ToString()), ("jobId", ids.Job.ToString()),
                     ("id", ids.Upload), ("kind", "poster"), ("noteId", ids.Note.ToString()), ("Secret", "inv_matrixmatrixmatrix"), ("frame", "0"),
                     ("TakeIds", $"{ids.Take},{ids.OtherTake}"), ("format", "csv"), ("key", "smart-circled"), ("renderId", ids.Render.ToString()),
                     ("requestId", ids.Request.ToString()),
                 })
            path = System.Text.RegularExpressions.Regex.Replace(path, $@"\{{{name}(:[^}}]*)?\}}", value, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.DoesNotContain("{", path);
        return path;
    }

    private static object? ArgumentFor(Type type, string name, Ids ids)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Guid))
            return name.ToLowerInvariant() switch
            {
                "projectid" => ids.Project,
                "shotid" => ids.Shot,
                "noteid" or "parentnoteid" => ids.Note,
                _ => ids.Take,
            };
        if (underlying == typeof(string))
            return "matrix";
        if (underlying == typeof(long) || underlying == typeof(int))
            return Convert.ChangeType(name.Contains("Version", StringComparison.Ordinal) ? 1 : 0, underlying);
        if (underlying == typeof(bool))
            return true;
        if (underlying.IsEnum)
            return Enum.GetValues(underlying).GetValue(0);
        if (underlying == typeof(ReviewRoom.Core.Decisions.ApprovalPolicy))
            return ReviewRoom.Core.Decisions.ApprovalPolicy.Default;
        if (underlying == typeof(ReviewRoom.Core.Notes.Drawing))
            return new ReviewRoom.Core.Notes.Drawing([new(ReviewRoom.Core.Notes.DrawingTool.Arrow, [new(0.1, 0.1), new(0.5, 0.5)],
                ReviewRoom.Core.Notes.Drawing.Colors[0], ReviewRoom.Core.Notes.Drawing.Widths[0])]);
        var constructor = underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => ArgumentFor(p.ParameterType, p.Name!, ids)).ToArray());
    }

    private async Task<Ids> DemoIdsAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var shot = await db.Shots.Include(s => s.Takes).Where(s => s.ProjectId == DemoProject.Id).OrderBy(s => s.Order).FirstAsync();
        var note = await db.Notes.Where(n => n.ProjectId == DemoProject.Id).Select(n => n.Id).FirstOrDefaultAsync();
        var job = await db.IngestJobs.Where(j => j.ProjectId == DemoProject.Id).Select(j => j.Id).FirstOrDefaultAsync();
        if (job == Guid.Empty)
            job = await PlantFailedJobAsync(shot.Id);
        var render = await db.AssemblyRenders.Where(r => r.ProjectId == DemoProject.Id && r.RequestedByTokenName == "matrix").Select(r => r.Id).FirstOrDefaultAsync();
        if (render == Guid.Empty)
            render = await PlantFinishedMovieAsync();
        var request = await db.GenerationRequests.Where(r => r.ProjectId == DemoProject.Id).Select(r => r.Id).FirstOrDefaultAsync();
        if (request == Guid.Empty)
            request = await fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Generation.GenerationCommands>().RequestAsync(
                await fixture.App.DemoMemberAsync(ProjectRole.Director), new(shot.Takes.OrderBy(t => t.Version).First().Id, 1, TakeRelation.ReRoll, "matrix",
                    null, ReviewRoom.Core.Generation.SeedChoice.New, null, null, []));
        var ids = new Ids(DemoProject.Id, shot.Id, shot.Takes.OrderBy(t => t.Version).First().Id, shot.Takes.OrderBy(t => t.Version).Last().Id,
            note == Guid.Empty ? Guid.NewGuid() : note, job, Guid.NewGuid().ToString("N"));
        return ids with { Render = render, Request = request };
    }

    /// <summary>A finished assembly movie (a few bytes standing in for the file), so its download has something real to guard.</summary>
    private async Task<Guid> PlantFinishedMovieAsync()
    {
        var render = new ReviewRoom.Core.Handoff.AssemblyRender(DemoProject.Id, DemoProject.Name, new ReviewRoom.Core.Handoff.AssemblyPlan("24", 2, 2, []), null, "matrix", DateTime.UtcNow);
        var path = ReviewRoom.Media.MediaPaths.RenderMovie(DemoProject.Id, render.Id);
        var file = fixture.App.Services.GetRequiredService<ReviewRoom.Media.IMediaStore>().Resolve(path)!;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, [0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e']);
        render.Start(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        render.Succeed(path, 8, DateTime.UtcNow);
        await fixture.App.Services.GetRequiredService<ReviewRoom.Data.Rooms.RoomWriter>().WriteQuietlyAsync((db, _) =>
        {
            db.AssemblyRenders.Add(render);
            return Task.CompletedTask;
        });
        return render.Id;
    }

    /// <summary>A job the worker leaves alone (already failed), so job endpoints have something real to guard.</summary>
    private async Task<Guid> PlantFailedJobAsync(Guid shotId)
    {
        var job = new ReviewRoom.Core.Ingest.IngestJob(DemoProject.Id, shotId, "ingest/matrix/original", "matrix.mp4", 10, GenerationInfo.Unknown, null, "matrix", DateTime.UtcNow);
        job.Start(DateTime.UtcNow, TimeSpan.FromMinutes(1));
        job.Fail("planted by the test", permanent: true, DateTime.UtcNow);
        await fixture.App.Services.GetRequiredService<ReviewRoom.Data.Rooms.RoomWriter>().WriteQuietlyAsync((db, _) =>
        {
            db.IngestJobs.Add(job);
            return Task.CompletedTask;
        });
        return job.Id;
    }

    private async Task<List<Caller>> CallersAsync()
    {
        var callers = new List<Caller> { new("anonymous", Plain(), null, SeesProject: false, MayChange: false) };
        var outsider = await OutsiderCookieAsync();
        callers.Add(new("non-member", Plain(), outsider, false, false));
        for (var i = 0; i < Roles.Length; i++)
        {
            var person = await fixture.SignInAsync(i);
            callers.Add(new(Roles[i], Plain(), person.CookieHeader, true, MayChange: Roles[i] != "viewer"));
        }
        var commands = fixture.App.Services.GetRequiredService<ApiTokenCommands>();
        var director = await MemberAsync(ProjectRole.Director);
        var (_, read) = await commands.CreateAsync(director, DemoProject.Id, "matrix read", ApiTokenScope.Read);
        var (_, ingest) = await commands.CreateAsync(director, DemoProject.Id, "matrix ingest", ApiTokenScope.ReadIngest);
        var (revokedToken, revoked) = await commands.CreateAsync(director, DemoProject.Id, "matrix revoked", ApiTokenScope.ReadIngest);
        await commands.RevokeAsync(director, DemoProject.Id, revokedToken.Id);
        var otherProject = await fixture.App.Services.GetRequiredService<ProjectCommands>().CreateProjectAsync(director, "Other film " + Guid.NewGuid().ToString("N")[..6], "");
        var (_, other) = await commands.CreateAsync(director, otherProject, "matrix other", ApiTokenScope.ReadIngest);
        callers.Add(new("read token", Bearer(read), null, true, MayChange: false));
        callers.Add(new("ingest token", Bearer(ingest), null, true, MayChange: true));
        callers.Add(new("revoked token", Bearer(revoked), null, false, false));
        callers.Add(new("other project's token", Bearer(other), null, false, false));
        callers.Add(new("other project's guest", Plain(), await GuestCookieAsync(director, otherProject), false, false));
        return callers;
    }

    /// <summary>A guest who came in through the real form by a review link of another project: the demo project must give them nothing.</summary>
    private async Task<string> GuestCookieAsync(Actor director, Guid otherProject)
    {
        var shot = await fixture.App.Services.GetRequiredService<ProjectCommands>().AddShotAsync(otherProject, director.UserId!.Value, "SH900", "", "");
        await new ReviewRoom.IntegrationTests.Scenario(fixture.App.Services).TakeAsync(otherProject, shot);
        var link = await fixture.App.Services.GetRequiredService<ReviewRoom.Web.Features.Members.ReviewLinkCommands>().CreateAsync(
            director, otherProject, [shot], [], ReviewRoom.Core.Members.GuestAccess.Comment, "matrix", TimeSpan.FromDays(1), null, fixture.BaseAddress);
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
        using var entered = await ReviewRoom.TestHost.StaticForm.PostAsync(browser, new Uri(link.Link).AbsolutePath, "review-guest",
            new Dictionary<string, string> { ["Input.Name"] = "Matrix Guest" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, entered.StatusCode);
        return cookies.GetCookieHeader(fixture.BaseAddress);
    }

    private HttpClient Plain() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.BaseAddress };

    private HttpClient Bearer(string secret) => fixture.BearerClient(secret);

    private async Task<string> OutsiderCookieAsync()
    {
        const string email = "matrix-outsider@studio.test", password = "matrix-outsider-password";
        using (var scope = fixture.App.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<ReviewRoom.Web.Features.Account.AccountService>();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ReviewRoom.Data.Identity.ReviewRoomUser>>();
            if (await users.FindByEmailAsync(email) is null)
                await accounts.CreateAsync("Matrix Outsider", email, password, admin: false);
        }
        var person = await LivePerson.SignInAsync(fixture.BaseAddress, email, password);
        return person.CookieHeader;
    }

    // Creating another project needs an administrator's or producer's right; the director acts as an administrator here.
    private Task<Actor> MemberAsync(ProjectRole role) =>
        fixture.MemberAsync(role, new Claim(ClaimTypes.Role, ReviewRoom.Web.Features.Account.AccountSetup.AdminRole));
}
