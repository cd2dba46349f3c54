using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(4000);
        // Two nodes must never hand out the same sequence number.
        builder.Property(p => p.LastEventSequence).IsConcurrencyToken();
        ApprovalPolicyMapping.Map(builder);
        builder.HasMany(p => p.Shots).WithOne().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Shots).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> builder)
    {
        builder.HasKey(m => new { m.ProjectId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShotConfiguration : IEntityTypeConfiguration<Shot>
{
    public void Configure(EntityTypeBuilder<Shot> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Code).HasMaxLength(64).IsRequired();
        builder.Property(s => s.SceneLabel).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.HasIndex(s => new { s.ProjectId, s.Order });
        builder.Ignore(s => s.IsArchived);
        builder.HasMany(s => s.Takes).WithOne().HasForeignKey(t => t.ShotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Takes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TakeConfiguration : IEntityTypeConfiguration<Take>
{
    public void Configure(EntityTypeBuilder<Take> builder)
    {
        builder.HasKey(t => t.Id);
        // Ids are made by the domain; a new take found through its shot must be inserted, not updated.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => new { t.ShotId, t.Version }).IsUnique();
        // A removed take is gone from every page, list and API answer; only restoring it, and numbering the
        // next version, look past this (IgnoreQueryFilters).
        builder.HasQueryFilter(t => t.RemovedAt == null);
        builder.Property(t => t.MediaPath).HasMaxLength(500).IsRequired();
        builder.Property(t => t.PosterPath).HasMaxLength(500);
        builder.Ignore(t => t.FrameRate);
        builder.Ignore(t => t.VersionLabel);
        builder.Ignore(t => t.DurationTimecode);
        builder.Property(t => t.WaveformPath).HasMaxLength(500);
        builder.OwnsOne(t => t.Original, original =>
        {
            original.Property(o => o.Path).HasColumnName("OriginalPath").HasMaxLength(500);
            original.Property(o => o.FileName).HasColumnName("OriginalFileName").HasMaxLength(255);
            original.Property(o => o.SizeBytes).HasColumnName("OriginalSizeBytes");
            original.Property(o => o.Container).HasColumnName("OriginalContainer").HasMaxLength(100);
            original.Property(o => o.VideoCodec).HasColumnName("OriginalVideoCodec").HasMaxLength(50);
        });
        builder.OwnsOne(t => t.Filmstrip, filmstrip =>
        {
            filmstrip.Property(f => f.Path).HasColumnName("FilmstripPath").HasMaxLength(500);
            filmstrip.Property(f => f.Columns).HasColumnName("FilmstripColumns");
            filmstrip.Property(f => f.Rows).HasColumnName("FilmstripRows");
            filmstrip.Property(f => f.TileWidth).HasColumnName("FilmstripTileWidth");
            filmstrip.Property(f => f.TileHeight).HasColumnName("FilmstripTileHeight");
            filmstrip.Property(f => f.TileCount).HasColumnName("FilmstripTileCount");
            filmstrip.Property(f => f.FramesPerTile).HasColumnName("FilmstripFramesPerTile");
        });
        builder.OwnsOne(t => t.Generation, GenerationMapping.Map);
        builder.Navigation(t => t.Generation).IsRequired();
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>Generation metadata has the same columns wherever it is kept (a take, or a job making one).</summary>
internal static class GenerationMapping
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, GenerationInfo> generation) where TOwner : class
    {
        MapSettings(generation);
        generation.Property(g => g.RequestId).HasColumnName("GenerationRequestId");
        generation.HasIndex(g => g.RequestId);
        generation.HasOne<Take>().WithMany().HasForeignKey(g => g.ParentTakeId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <summary>
    /// What a request asks for: the same settings, but its parent is not a constraint (a request outlives nothing and
    /// must never stand in the way of deleting a project) and it is no answer to a request itself.
    /// </summary>
    public static void MapRequested<TOwner>(OwnedNavigationBuilder<TOwner, GenerationInfo> generation) where TOwner : class
    {
        MapSettings(generation);
        generation.Ignore(g => g.RequestId);
    }

    private static void MapSettings<TOwner>(OwnedNavigationBuilder<TOwner, GenerationInfo> generation) where TOwner : class
    {
        generation.Property(g => g.Model).HasColumnName("Model").HasMaxLength(200).IsRequired();
        generation.Property(g => g.Prompt).HasColumnName("Prompt").IsRequired();
        generation.Property(g => g.NegativePrompt).HasColumnName("NegativePrompt");
        generation.Property(g => g.Seed).HasColumnName("Seed");
        generation.Property(g => g.ParametersJson).HasColumnName("ParametersJson").IsRequired();
        generation.Property(g => g.ParentTakeId).HasColumnName("ParentTakeId");
        generation.Property(g => g.Relation).HasColumnName("Relation").HasConversion<string>().HasMaxLength(32);
        generation.Property(g => g.CreditsSpent).HasColumnName("CreditsSpent").HasPrecision(18, 4);
    }
}
