using Microsoft.EntityFrameworkCore;
using ReviewRoom.Data;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Admin;

public enum ProjectCreators
{
    /// <summary>Anyone with an account may start a project (and runs it as its director).</summary>
    Everyone = 0,

    /// <summary>Only administrators and people who are a producer somewhere.</summary>
    AdministratorsAndProducers = 1,
}

/// <summary>The settings an administrator changes in the app, kept in the database so every node reads the same.</summary>
public sealed class SiteSettings(IDbContextFactory<ReviewRoomDbContext> contextFactory, RoomWriter writer)
{
    private const string ProjectCreatorsKey = "projects.creators";

    public async Task<ProjectCreators> GetProjectCreatorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var value = await db.SiteSettings.Where(s => s.Key == ProjectCreatorsKey).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
        return Enum.TryParse<ProjectCreators>(value, out var creators) && Enum.IsDefined(creators) ? creators : ProjectCreators.Everyone;
    }

    /// <summary>Callers authorise (an administrator's command).</summary>
    internal Task SetProjectCreatorsAsync(ProjectCreators creators) =>
        writer.WriteQuietlyAsync(async (db, ct) =>
        {
            var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == ProjectCreatorsKey, ct);
            if (setting is null)
                db.SiteSettings.Add(new SiteSetting { Key = ProjectCreatorsKey, Value = creators.ToString() });
            else
                setting.Value = creators.ToString();
        });

    /// <summary>Whether this person may start a project under the current setting.</summary>
    public async Task<bool> MayCreateProjectAsync(Guid userId, bool isAdmin, CancellationToken cancellationToken = default)
    {
        if (isAdmin || await GetProjectCreatorsAsync(cancellationToken) == ProjectCreators.Everyone)
            return true;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProjectMembers.AnyAsync(m => m.UserId == userId && m.Role == ReviewRoom.Core.Projects.ProjectRole.Producer, cancellationToken);
    }
}
