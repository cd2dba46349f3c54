using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.Data;
using ReviewRoom.Data.Queries;
using ReviewRoom.IntegrationTests.Rooms;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Decisions;
using ReviewRoom.Web.Features.Members;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Projects;
using ReviewRoom.Web.Features.Security;

namespace ReviewRoom.IntegrationTests.Members;

/// <summary>Review links: who may make them, how a guest comes in, and that a guest reaches the link's takes and nothing else.</summary>
public sealed class ReviewLinkTests(LiveAppFixture fixture) : IClassFixture<LiveAppFixture>
{
    private static readonly Uri Site = new("http://reviewroom.test/");

    private Scenario Given => new(fixture.App.Services);
    private ReviewLinkCommands Links => fixture.App.Services.GetRequiredService<ReviewLinkCommands>();
    private NoteCommands Notes => fixture.App.Services.GetRequiredService<NoteCommands>();
    private DecisionCommands Decisions => fixture.App.Services.GetRequiredService<DecisionCommands>();

    /// <summary>A project with two shots of one take each; the link under test shares the first shot only.</summary>
    private async Task<(Guid ProjectId, Scenario.Person Director, Guid SharedTake, Guid OtherTake, Guid SharedShot)> ProjectAsync()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var otherShot = await fixture.App.Services.GetRequiredService<ProjectCommands>().AddShotAsync(projectId, director.UserId, "SH020", "", "");
        return (projectId, director, await Given.TakeAsync(projectId, shotId), await Given.TakeAsync(projectId, otherShot), shotId);
    }

    /// <summary>Lets a guest in by the link, and returns them as commands see a signed-in guest.</summary>
    private async Task<Actor> GuestAsync(string secret, string name, string? password = null)
    {
        var user = await Links.AdmitAsync(secret, name, password, $"10.0.0.{Random.Shared.Next(1, 250)}");
        await using var db = await NewContextAsync();
        var linkId = await db.ReviewLinkGuests.Where(g => g.UserId == user.Id).Select(g => g.LinkId).SingleAsync();
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(UserClaims.DisplayName, user.DisplayName),
            new Claim(UserClaims.GuestLink, linkId.ToString()),
        ], "test")).ToActor();
    }

    private Task<ReviewRoomDbContext> NewContextAsync() =>
        fixture.App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();

    private static string SecretOf(NewReviewLink link) => link.Link[(link.Link.LastIndexOf('/') + 1)..];

    [Fact]
    public async Task DirectorsProducersAndAdministratorsShare_OthersAreRefused_AndOnlyThisProjectsShotsAndTakesCanBeShared()
    {
        var (projectId, director, sharedTake, _, sharedShot) = await ProjectAsync();
        var writer = await Given.MemberAsync(projectId, director, "Wes Writer", ProjectRole.Writer);
        var elsewhere = await ProjectAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Links.CreateAsync(writer.Principal, projectId, [sharedShot], [], GuestAccess.Comment, "", TimeSpan.FromDays(7), null, Site));
        Assert.Contains("director or producer", refused.Message);
        Assert.Equal(DomainProblem.Forbidden, refused.Problem);
        var foreign = await Assert.ThrowsAsync<DomainException>(() =>
            Links.CreateAsync(director.Principal, projectId, [], [sharedTake, elsewhere.SharedTake], GuestAccess.Comment, "", TimeSpan.FromDays(7), null, Site));
        Assert.Contains("not in this project", foreign.Message);
        var empty = await Assert.ThrowsAsync<DomainException>(() =>
            Links.CreateAsync(director.Principal, projectId, [], [], GuestAccess.Comment, "", TimeSpan.FromDays(7), null, Site));
        Assert.Contains("at least one", empty.Message);
        await Assert.ThrowsAsync<DomainException>(() =>
            Links.CreateAsync(director.Principal, projectId, [sharedShot], [], GuestAccess.Comment, "", TimeSpan.FromDays(91), null, Site));

        var link = await Links.CreateAsync(director.Principal, projectId, [sharedShot], [], GuestAccess.Comment, "Client", TimeSpan.FromDays(7), null, Site);
        Assert.StartsWith("http://reviewroom.test/review/rev_", link.Link);
        await using var db = await NewContextAsync();
        var stored = await db.ReviewLinks.SingleAsync(l => l.Id == link.Id);
        Assert.NotEqual(SecretOf(link), stored.Hash);
        Assert.DoesNotContain(SecretOf(link), stored.Hash);
        Assert.Equal(1, await db.RoomEvents.CountAsync(e => e.ProjectId == projectId && e.Type == "review_link.created"));
    }

    [Fact]
    public async Task Guest_NotesAndDecidesOnTheLinksTakes_Only_AndTheirDecisionsCountOnlyWhenTheRulesSaySo()
    {
        var (projectId, director, sharedTake, otherTake, sharedShot) = await ProjectAsync();
        var link = await Links.CreateAsync(director.Principal, projectId, [sharedShot], [], GuestAccess.Comment, "", TimeSpan.FromDays(7), null, Site);
        var guest = await GuestAsync(SecretOf(link), "  Ana Ruiz ");

        var note = await Notes.AddAsync(guest, sharedTake, FrameRange.At(12), "Flicker on the sign", null);
        Assert.Equal("Ana Ruiz (guest)", note.AuthorName);
        Assert.Equal(ProjectRole.Guest, note.AuthorRole);
        var outside = await Assert.ThrowsAsync<DomainException>(() => Notes.AddAsync(guest, otherTake, FrameRange.At(1), "Not mine to see", null));
        Assert.Contains("not part of this review link", outside.Message);
        Assert.Equal(DomainProblem.NotFound, outside.Problem);
        var reply = await Notes.ReplyAsync(director.Principal, note.Id, "Fixing it", null);
        Assert.Equal(note.Id, reply.ParentNoteId);
        await Notes.ReplyAsync(guest, note.Id, "Thanks", null);

        // Stars, circles and the project itself are the team's.
        await Assert.ThrowsAsync<DomainException>(() => Decisions.VoteAsync(guest, sharedTake, true));
        await Assert.ThrowsAsync<DomainException>(() => Decisions.CircleAsync(guest, sharedShot, sharedTake, true, null));
        await Assert.ThrowsAsync<DomainException>(() => fixture.App.Services.GetRequiredService<ProjectCommands>().CreateProjectAsync(guest, "Mine now", ""));

        // A guest's approval is shown but does not move the take, until the rules count guests and require one.
        await Decisions.DecideAsync(guest, sharedTake, DecisionKind.Approve, null, null);
        var queries = fixture.App.Services.GetRequiredService<DecisionQueries>();
        var state = await queries.GetProjectStateAsync(projectId);
        Assert.Equal(TakeStatus.NotReviewed, state.Take(sharedTake)!.Status);
        Assert.Contains(state.Take(sharedTake)!.Current, d => d.Role == ProjectRole.Guest && d.UserName == "Ana Ruiz (guest)");
        await Assert.ThrowsAsync<DomainException>(() => Decisions.ChangePolicyAsync(director.Principal, projectId,
            ApprovalPolicy.Default with { RequiredRoles = [ProjectRole.Guest] }));
        await Decisions.ChangePolicyAsync(director.Principal, projectId,
            ApprovalPolicy.Default with { RequiredRoles = [ProjectRole.Guest], GuestDecisionsCount = true });
        Assert.Equal(TakeStatus.Approved, (await queries.GetProjectStateAsync(projectId)).Take(sharedTake)!.Status);
        await Decisions.DecideAsync(guest, sharedTake, DecisionKind.Reject, null, null);
        Assert.Equal(TakeStatus.Rejected, (await queries.GetProjectStateAsync(projectId)).Take(sharedTake)!.Status);

        // The link's list shows who came and what they did.
        var listed = (await fixture.App.Services.GetRequiredService<ReviewLinkQueries>().ListAsync(projectId)).Single();
        var visitor = Assert.Single(listed.Guests);
        Assert.Equal("Ana Ruiz", visitor.Name);
        Assert.Equal(2, visitor.Notes);
        Assert.Equal(2, visitor.Decisions);
        Assert.Equal(["SH010 (every take)"], listed.Covers);
    }

    [Fact]
    public async Task ViewOnlyGuestsWatch_AWithdrawnOrExpiredLinkStopsEveryCommand_AndAPasswordIsAsked()
    {
        var (projectId, director, sharedTake, _, sharedShot) = await ProjectAsync();
        var watching = await Links.CreateAsync(director.Principal, projectId, [], [sharedTake], GuestAccess.ViewOnly, "", TimeSpan.FromDays(1), null, Site);
        var watcher = await GuestAsync(SecretOf(watching), "Sol");
        var readOnly = await Assert.ThrowsAsync<DomainException>(() => Notes.AddAsync(watcher, sharedTake, FrameRange.At(0), "Can I?", null));
        Assert.Contains("read notes but not write", readOnly.Message);
        await Assert.ThrowsAsync<DomainException>(() => Decisions.DecideAsync(watcher, sharedTake, DecisionKind.Approve, null, null));

        var guarded = await Links.CreateAsync(director.Principal, projectId, [sharedShot], [], GuestAccess.Comment, "", TimeSpan.FromDays(1), "open sesame", Site);
        var noPassword = await Assert.ThrowsAsync<DomainException>(() => GuestAsync(SecretOf(guarded), "Kit"));
        Assert.Contains("needs its password", noPassword.Message);
        var wrong = await Assert.ThrowsAsync<DomainException>(() => GuestAsync(SecretOf(guarded), "Kit", "open says me"));
        Assert.Contains("not this review link's", wrong.Message);
        var nameless = await Assert.ThrowsAsync<DomainException>(() => GuestAsync(SecretOf(guarded), "   ", "open sesame"));
        Assert.Contains("Type your name", nameless.Message);
        var kit = await GuestAsync(SecretOf(guarded), "Kit", "open sesame");
        await Notes.AddAsync(kit, sharedTake, FrameRange.At(3), "In", null);

        // Withdrawn: the guest's next command is refused, and nobody new gets in.
        await Links.RevokeAsync(director.Principal, projectId, guarded.Id);
        var ended = await Assert.ThrowsAsync<DomainException>(() => Notes.AddAsync(kit, sharedTake, FrameRange.At(4), "Still here?", null));
        Assert.Contains("link has ended", ended.Message);
        var late = await Assert.ThrowsAsync<DomainException>(() => GuestAsync(SecretOf(guarded), "Lee", "open sesame"));
        Assert.Contains("withdrawn", late.Message);

        // Expired (the clock moved past it): the same.
        await using (var db = await NewContextAsync())
            await db.ReviewLinks.Where(l => l.Id == watching.Id).ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        Assert.Null(await fixture.App.Services.GetRequiredService<ProjectAccess>().GetRoleForTakeAsync(watcher, sharedTake));
        Assert.Contains("expired", (await Links.PreviewAsync(SecretOf(watching)))!.WhyUnusable);
    }

    [Fact]
    public async Task GuestsOfOneLink_ShareOneBudgetOfChanges()
    {
        var (projectId, director, sharedTake, _, _) = await ProjectAsync();
        var link = await Links.CreateAsync(director.Principal, projectId, [], [sharedTake], GuestAccess.Comment, "", TimeSpan.FromDays(1), null, Site);
        var budget = fixture.App.Services.GetRequiredService<RateLimits>().Options.GuestChangesPerLinkPerMinute;
        var first = await GuestAsync(SecretOf(link), "One");
        var second = await GuestAsync(SecretOf(link), "Two");
        var refused = await Assert.ThrowsAsync<RateLimitedException>(async () =>
        {
            // Coming in used two of the budget; the rest goes on notes from both guests in turn.
            for (var i = 0; i <= budget; i++)
                await Notes.AddAsync(i % 2 == 0 ? first : second, sharedTake, FrameRange.At(i), $"Note {i}", null);
        });
        Assert.Contains("review link's guests", refused.Message);
        await using var db = await NewContextAsync();
        Assert.Equal(budget - 2, await db.Notes.CountAsync(n => n.TakeId == sharedTake));
    }

    [Fact]
    public async Task GuestByTheRealForm_KeepsTheirName_ThenReachesTheLinksMedia_AndNeitherTheApiNorTheHubNorOtherTakes()
    {
        var (projectId, director, sharedTake, otherTake, sharedShot) = await ProjectAsync();
        var link = await Links.CreateAsync(director.Principal, projectId, [sharedShot], [], GuestAccess.Comment, "", TimeSpan.FromDays(1), "hunter22", Site);
        var path = $"/review/{SecretOf(link)}";
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };

        using (var wrong = await StaticForm.PostAsync(browser, path, "review-guest", new Dictionary<string, string> { ["Input.Name"] = "Ana Ruiz", ["Input.Password"] = "nope" }))
        {
            var page = await wrong.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("That password is not this review link", page);
            Assert.Contains("value=\"Ana Ruiz\"", page);
        }
        using (var right = await StaticForm.PostAsync(browser, path, "review-guest", new Dictionary<string, string> { ["Input.Name"] = "Ana Ruiz", ["Input.Password"] = "hunter22" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal("/review", right.Headers.Location!.OriginalString.Replace(fixture.BaseAddress.ToString().TrimEnd('/'), ""));
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/review")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/media/takes/{sharedTake}/poster")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/media/takes/{otherTake}/poster")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/media/takes/{sharedTake}/original")).StatusCode);
        var api = await browser.GetAsync("/api/v1/projects");
        Assert.True(api.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"The API answered {(int)api.StatusCode}");
        // The board answers by sending the guest to the page that says the link does not reach it.
        var board = await browser.GetAsync($"/projects/{projectId}");
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Contains("/account/denied", board.Headers.Location!.OriginalString);

        var hub = LivePerson.CreateHubConnection(fixture.BaseAddress, cookies.GetCookieHeader(fixture.BaseAddress));
        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        await hub.DisposeAsync();

        // Withdrawn: the same cookie no longer reaches the media.
        await Links.RevokeAsync(director.Principal, projectId, link.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/media/takes/{sharedTake}/poster")).StatusCode);
    }
}
