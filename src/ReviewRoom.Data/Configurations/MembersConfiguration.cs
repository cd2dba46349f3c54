using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Note).HasMaxLength(Invitation.MaxNoteLength).IsRequired();
        builder.Property(i => i.Hash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Hint).HasMaxLength(16).IsRequired();
        builder.HasIndex(i => i.Hash).IsUnique();
        builder.HasIndex(i => i.ProjectId);
        builder.HasMany(i => i.Uses).WithOne().HasForeignKey(u => u.InvitationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Uses).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(i => i.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationUseConfiguration : IEntityTypeConfiguration<InvitationUse>
{
    public void Configure(EntityTypeBuilder<InvitationUse> builder)
    {
        builder.HasKey(u => u.Id);
        builder.HasIndex(u => u.InvitationId);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewLinkConfiguration : IEntityTypeConfiguration<ReviewLink>
{
    public void Configure(EntityTypeBuilder<ReviewLink> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Access).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Note).HasMaxLength(ReviewLink.MaxNoteLength).IsRequired();
        builder.Property(l => l.Hash).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Hint).HasMaxLength(16).IsRequired();
        builder.Property(l => l.PasswordHash).HasMaxLength(200);
        builder.HasIndex(l => l.Hash).IsUnique();
        builder.HasIndex(l => l.ProjectId);
        builder.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.LinkId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(l => l.Guests).WithOne().HasForeignKey(g => g.LinkId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Guests).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(l => l.CreatedByUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewLinkItemConfiguration : IEntityTypeConfiguration<ReviewLinkItem>
{
    public void Configure(EntityTypeBuilder<ReviewLinkItem> builder)
    {
        builder.ToTable("ReviewLinkItems");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.LinkId);
        builder.HasOne<Shot>().WithMany().HasForeignKey(i => i.ShotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Take>().WithMany().HasForeignKey(i => i.TakeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewLinkGuestConfiguration : IEntityTypeConfiguration<ReviewLinkGuest>
{
    public void Configure(EntityTypeBuilder<ReviewLinkGuest> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(ReviewLink.MaxGuestNameLength).IsRequired();
        builder.HasIndex(g => g.LinkId);
        // One guest account per person who came in: the account is how their notes are theirs.
        builder.HasIndex(g => g.UserId).IsUnique();
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SiteSettingConfiguration : IEntityTypeConfiguration<Identity.SiteSetting>
{
    public void Configure(EntityTypeBuilder<Identity.SiteSetting> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(500).IsRequired();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<ReviewRoom.Core.Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<ReviewRoom.Core.Notifications.Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(n => n.Text).HasMaxLength(ReviewRoom.Core.Notifications.Notification.MaxTextLength).IsRequired();
        // The inbox's question (newest first, unread count) and the one-per-event guard.
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        builder.HasIndex(n => new { n.UserId, n.ProjectId, n.Sequence, n.Kind }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(n => n.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<ReviewRoom.Core.Notifications.NotificationPreference>
{
    public void Configure(EntityTypeBuilder<ReviewRoom.Core.Notifications.NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewRoomUserConfiguration : IEntityTypeConfiguration<Identity.ReviewRoomUser>
{
    public void Configure(EntityTypeBuilder<Identity.ReviewRoomUser> builder) =>
        builder.Property(u => u.EmailDigest).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ReviewRoom.Core.Notifications.EmailDigest.Daily)
            // Every value, Immediately (0) included, is written as chosen; the default only fills rows that existed before.
            .HasSentinel((ReviewRoom.Core.Notifications.EmailDigest)(-1));
}
