using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Identity;

namespace ReviewRoom.Data.Configurations;

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Body).HasMaxLength(Note.MaxBodyLength).IsRequired();
        builder.Property(n => n.AuthorRole).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Version).IsConcurrencyToken();
        // Stored as its JSON, compared as its JSON: a drawing is one value, never changed in place.
        builder.Property(n => n.Drawing).HasColumnName("DrawingJson").HasConversion(
            drawing => drawing == null ? null : Drawing.ToJson(drawing),
            json => Drawing.FromJson(json),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Drawing?>(
                (a, b) => (a == null ? null : Drawing.ToJson(a)) == (b == null ? null : Drawing.ToJson(b)),
                drawing => drawing == null ? 0 : Drawing.ToJson(drawing).GetHashCode(StringComparison.Ordinal),
                drawing => drawing));
        builder.Ignore(n => n.Frames);
        builder.Ignore(n => n.IsReply);
        builder.Ignore(n => n.IsResolved);
        builder.Ignore(n => n.IsDeleted);
        builder.HasIndex(n => new { n.TakeId, n.FrameIn });
        builder.HasOne<Take>().WithMany().HasForeignKey(n => n.TakeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Project>().WithMany().HasForeignKey(n => n.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Note>().WithMany().HasForeignKey(n => n.ParentNoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReviewRoomUser>().WithMany().HasForeignKey(n => n.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(n => n.Mentions).WithOne().HasForeignKey(m => m.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(n => n.Revisions).WithOne().HasForeignKey(r => r.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(n => n.Mentions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(n => n.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class NoteMentionConfiguration : IEntityTypeConfiguration<NoteMention>
{
    public void Configure(EntityTypeBuilder<NoteMention> builder)
    {
        builder.HasKey(m => new { m.NoteId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<ReviewRoomUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoteRevisionConfiguration : IEntityTypeConfiguration<NoteRevision>
{
    public void Configure(EntityTypeBuilder<NoteRevision> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Body).HasMaxLength(Note.MaxBodyLength).IsRequired();
    }
}
