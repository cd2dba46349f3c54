using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Data.Configurations;

internal sealed class RoomEventConfiguration : IEntityTypeConfiguration<RoomEvent>
{
    public void Configure(EntityTypeBuilder<RoomEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.ProjectId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.ProjectId, e.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.Property(e => e.Type).HasMaxLength(64).IsRequired();
        builder.Property(e => e.PayloadJson).IsRequired();
        builder.Property(e => e.IdempotencyKey).HasMaxLength(100);
        builder.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
