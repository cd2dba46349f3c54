using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Playlists;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Configurations;

internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Playlist>
{
    public void Configure(EntityTypeBuilder<Playlist> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(Playlist.MaxNameLength).IsRequired();
        // 200 ids of 36 characters and their commas.
        builder.Property<string>("_takeIds").HasColumnName("TakeIds").HasMaxLength(Playlist.MaxTakes * 37).IsRequired();
        builder.Ignore(p => p.TakeIds);
        builder.HasIndex(p => p.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(p => p.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProjectVisitConfiguration : IEntityTypeConfiguration<ProjectVisit>
{
    public void Configure(EntityTypeBuilder<ProjectVisit> builder)
    {
        builder.HasKey(v => new { v.ProjectId, v.UserId });
        builder.HasOne<Project>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
