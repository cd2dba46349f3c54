using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Identity;
using ReviewRoom.Data.Rooms;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Data.Configurations;

internal sealed class TakeDecisionConfiguration : IEntityTypeConfiguration<TakeDecision>
{
    public void Configure(EntityTypeBuilder<TakeDecision> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Comment).HasMaxLength(TakeDecision.MaxCommentLength);
        builder.Ignore(d => d.IsCurrent);
        builder.HasIndex(d => new { d.TakeId, d.UserId, d.SupersededAt });
        builder.HasIndex(d => d.ProjectId);
        builder.HasOne<Take>().WithMany().HasForeignKey(d => d.TakeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReviewRoomUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ShotSelectionConfiguration : IEntityTypeConfiguration<ShotSelection>
{
    public void Configure(EntityTypeBuilder<ShotSelection> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Reason).HasMaxLength(ShotSelection.MaxReasonLength);
        builder.HasIndex(s => new { s.ShotId, s.SelectedAt });
        builder.HasIndex(s => s.ProjectId);
        builder.HasOne<Shot>().WithMany().HasForeignKey(s => s.ShotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Take>().WithMany().HasForeignKey(s => s.TakeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReviewRoomUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TakeVoteConfiguration : IEntityTypeConfiguration<TakeVote>
{
    public void Configure(EntityTypeBuilder<TakeVote> builder)
    {
        builder.HasKey(v => new { v.TakeId, v.UserId });
        builder.HasIndex(v => v.ProjectId);
        builder.HasOne<Take>().WithMany().HasForeignKey(v => v.TakeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReviewRoomUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The approval policy is one small JSON document on its project.</summary>
internal static class ApprovalPolicyMapping
{
    public static void Map(EntityTypeBuilder<Project> builder) =>
        builder.Property(p => p.Policy)
            .HasColumnName("ApprovalPolicy")
            .HasConversion(
                policy => JsonSerializer.Serialize(policy, RoomEventCatalog.Json),
                json => string.IsNullOrEmpty(json) ? ApprovalPolicy.Default : JsonSerializer.Deserialize<ApprovalPolicy>(json, RoomEventCatalog.Json) ?? ApprovalPolicy.Default,
                new ValueComparer<ApprovalPolicy>(
                    (a, b) => JsonSerializer.Serialize(a, RoomEventCatalog.Json) == JsonSerializer.Serialize(b, RoomEventCatalog.Json),
                    policy => StringComparer.Ordinal.GetHashCode(JsonSerializer.Serialize(policy, RoomEventCatalog.Json)),
                    policy => policy))
            .IsRequired();
}
