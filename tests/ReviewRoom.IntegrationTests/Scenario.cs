using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Members;
using ReviewRoom.Web.Features.Projects;

namespace ReviewRoom.IntegrationTests;

/// <summary>
/// People and projects of a test's own, made through the real commands on a running app, so tests that
/// share an app never see each other's changes.
/// </summary>
public sealed class Scenario(IServiceProvider services)
{
    public const string Password = "long enough password";

    public sealed record Person(Guid UserId, Actor Principal, string Email, string Name);

    public async Task<Person> PersonAsync(string name)
    {
        using var scope = services.CreateScope();
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}-{Guid.NewGuid():N}@studio.test";
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(name, email, Password, admin: false);
        Assert.True(user is not null, string.Join(" ", errors));
        return new Person(user!.Id, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], "test")).ToActor(), email, name);
    }

    /// <summary>A project run by a new director, with one shot.</summary>
    public async Task<(Guid ProjectId, Guid ShotId, Person Director)> ProjectAsync()
    {
        var director = await PersonAsync("Dana Director");
        var commands = services.GetRequiredService<ProjectCommands>();
        var projectId = await commands.CreateProjectAsync(director.Principal, $"Film {Guid.NewGuid():N}", "");
        var shotId = await commands.AddShotAsync(projectId, director.UserId, "SH010", "", "");
        return (projectId, shotId, director);
    }

    public async Task<Person> MemberAsync(Guid projectId, Person director, string name, ProjectRole role)
    {
        var person = await PersonAsync(name);
        await services.GetRequiredService<MemberCommands>().AddExistingAsync(director.Principal, projectId, person.Email, role);
        return person;
    }

    /// <summary>A take in the shot using the demo's media, added straight through the command: people, not media, are under test.</summary>
    public async Task<Guid> TakeAsync(Guid projectId, Guid shotId, Guid? byUserId = null)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        var demo = await db.Takes.AsNoTracking().FirstAsync();
        var take = await services.GetRequiredService<ProjectCommands>().AddTakeAsync(projectId, shotId, byUserId,
            new TakeMedia(demo.MediaPath, demo.PosterPath, demo.FrameRate, demo.DurationFrames, demo.Width, demo.Height, demo.HasAudio),
            demo.Generation, DateTime.UtcNow);
        return take.Id;
    }
}
