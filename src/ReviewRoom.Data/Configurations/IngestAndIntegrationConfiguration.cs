using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Ingest;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Configurations;

internal sealed class IngestJobConfiguration : IEntityTypeConfiguration<IngestJob>
{
    public void Configure(EntityTypeBuilder<IngestJob> builder)
    {
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.OriginalPath).HasMaxLength(500).IsRequired();
        builder.Property(j => j.OriginalFileName).HasMaxLength(255).IsRequired();
        builder.Property(j => j.CreatedByTokenName).HasMaxLength(100);
        // Nodes sharing the database claim a job by moving it out of Queued: the second to try finds it moved and backs off.
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(j => j.Stage).HasMaxLength(200);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Ignore(j => j.IsFinished);
        // The worker's question: which queued jobs are due?
        builder.HasIndex(j => new { j.State, j.NextAttemptAt });
        builder.HasIndex(j => j.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Shot>().WithMany().HasForeignKey(j => j.ShotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Take>().WithMany().HasForeignKey(j => j.TakeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(j => j.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.OwnsOne(j => j.Generation, GenerationMapping.Map);
        builder.Navigation(j => j.Generation).IsRequired();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ReviewRoom.Core.Integrations.ApiToken>
{
    public void Configure(EntityTypeBuilder<ReviewRoom.Core.Integrations.ApiToken> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Hint).HasMaxLength(16).IsRequired();
        builder.Ignore(t => t.IsRevoked);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<ReviewRoom.Core.Integrations.Webhook>
{
    public void Configure(EntityTypeBuilder<ReviewRoom.Core.Integrations.Webhook> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Url).HasMaxLength(2000).IsRequired();
        builder.Property(w => w.Secret).HasMaxLength(200).IsRequired();
        builder.Property(w => w.EventTypes).HasMaxLength(500).IsRequired();
        builder.Ignore(w => w.Events);
        builder.HasIndex(w => w.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(w => w.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(w => w.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<ReviewRoom.Core.Integrations.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<ReviewRoom.Core.Integrations.WebhookDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(500);
        // An attempt is claimed by taking its lease: of two nodes claiming at once, the second finds the lease changed.
        // The lease alone comes back to empty when an attempt ends, so a node that read the delivery before another
        // node's whole attempt would find it unchanged and send it again; the count of attempts never comes back.
        builder.Property(d => d.LeaseExpiresAt).IsConcurrencyToken();
        builder.Property(d => d.Attempts).IsConcurrencyToken();
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
        builder.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        builder.HasOne<ReviewRoom.Core.Integrations.Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventLogCursorConfiguration : IEntityTypeConfiguration<ReviewRoom.Core.Integrations.EventLogCursor>
{
    public void Configure(EntityTypeBuilder<ReviewRoom.Core.Integrations.EventLogCursor> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(64);
        // Two nodes reading the log from the same place: only the first to move the cursor makes the deliveries.
        builder.Property(c => c.LastRoomEventId).IsConcurrencyToken();
    }
}
