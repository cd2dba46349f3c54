using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Identity;

namespace ReviewRoom.Data;

public sealed class ReviewRoomDbContext(DbContextOptions<ReviewRoomDbContext> options)
    : IdentityDbContext<ReviewRoomUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that sign cookies and tokens, when nodes share them through the database (PostgreSQL).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<Shot> Shots => Set<Shot>();
    public DbSet<ReviewRoom.Core.Playlists.Playlist> Playlists => Set<ReviewRoom.Core.Playlists.Playlist>();
    public DbSet<ProjectVisit> ProjectVisits => Set<ProjectVisit>();
    public DbSet<Take> Takes => Set<Take>();
    public DbSet<RoomEvent> RoomEvents => Set<RoomEvent>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<TakeDecision> TakeDecisions => Set<TakeDecision>();
    public DbSet<ShotSelection> ShotSelections => Set<ShotSelection>();
    public DbSet<TakeVote> TakeVotes => Set<TakeVote>();
    public DbSet<IngestJob> IngestJobs => Set<IngestJob>();
    public DbSet<ReviewRoom.Core.Generation.GenerationRequest> GenerationRequests => Set<ReviewRoom.Core.Generation.GenerationRequest>();
    public DbSet<ReviewRoom.Core.Handoff.AssemblyRender> AssemblyRenders => Set<ReviewRoom.Core.Handoff.AssemblyRender>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<EventLogCursor> EventLogCursors => Set<EventLogCursor>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<ReviewRoom.Core.Members.Invitation> Invitations => Set<ReviewRoom.Core.Members.Invitation>();
    public DbSet<ReviewRoom.Core.Members.InvitationUse> InvitationUses => Set<ReviewRoom.Core.Members.InvitationUse>();
    public DbSet<ReviewRoom.Core.Members.ReviewLink> ReviewLinks => Set<ReviewRoom.Core.Members.ReviewLink>();
    public DbSet<ReviewRoom.Core.Members.ReviewLinkGuest> ReviewLinkGuests => Set<ReviewRoom.Core.Members.ReviewLinkGuest>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<ReviewRoom.Core.Notifications.Notification> Notifications => Set<ReviewRoom.Core.Notifications.Notification>();
    public DbSet<ReviewRoom.Core.Notifications.NotificationPreference> NotificationPreferences => Set<ReviewRoom.Core.Notifications.NotificationPreference>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ReviewRoomDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC in and UTC out, whatever the provider keeps.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
