using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Configurations;

internal sealed class AssemblyRenderConfiguration : IEntityTypeConfiguration<AssemblyRender>
{
    public void Configure(EntityTypeBuilder<AssemblyRender> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.PlanJson).IsRequired();
        builder.Property(r => r.ProjectName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Fingerprint).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Rate).HasMaxLength(20).IsRequired();
        builder.Property(r => r.RequestedByTokenName).HasMaxLength(100);
        // As with ingest jobs: a render is claimed by moving it out of Queued, once across nodes.
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(r => r.Stage).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.FilePath).HasMaxLength(500);
        builder.Ignore(r => r.Plan);
        builder.Ignore(r => r.IsFinished);
        // The worker's question (which is waiting?) and the page's (this project's movies, newest first).
        builder.HasIndex(r => new { r.State, r.CreatedAt });
        builder.HasIndex(r => new { r.ProjectId, r.Fingerprint });
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(r => r.RequestedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
