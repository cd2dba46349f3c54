using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewRoom.Core.Generation;
using ReviewRoom.Core.Notes;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Data.Configurations;

internal sealed class GenerationRequestConfiguration : IEntityTypeConfiguration<GenerationRequest>
{
    public void Configure(EntityTypeBuilder<GenerationRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        // Two pipelines claiming at once, or a claim racing the time-out sweep on another node: one of them loses.
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.Property(r => r.ClaimedBy).HasMaxLength(100);
        builder.Property(r => r.ProgressMessage).HasMaxLength(GenerationRequest.MaxProgressMessageLength);
        builder.Property(r => r.FailureReason).HasMaxLength(GenerationRequest.MaxReasonLength);
        builder.Ignore(r => r.Count);
        builder.Ignore(r => r.FilledCount);
        builder.Ignore(r => r.IsActive);
        builder.OwnsOne(r => r.Generation, GenerationMapping.MapRequested);
        builder.Navigation(r => r.Generation).IsRequired();
        // The board's question (a shot's live requests) and the sweep's (which active ones are due).
        builder.HasIndex(r => new { r.ProjectId, r.State });
        builder.HasIndex(r => new { r.State, r.ClaimBy });
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Shot>().WithMany().HasForeignKey(r => r.ShotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.ReviewRoomUser>().WithMany().HasForeignKey(r => r.RequestedByUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Slots).WithOne().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Slots).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.AnsweredNotes).WithOne().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.AnsweredNotes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GenerationSlotConfiguration : IEntityTypeConfiguration<GenerationSlot>
{
    public void Configure(EntityTypeBuilder<GenerationSlot> builder)
    {
        builder.ToTable("GenerationSlots");
        builder.HasKey(s => new { s.RequestId, s.Index });
        builder.HasIndex(s => s.TakeId);
    }
}

internal sealed class GenerationRequestNoteConfiguration : IEntityTypeConfiguration<GenerationRequestNote>
{
    public void Configure(EntityTypeBuilder<GenerationRequestNote> builder)
    {
        builder.ToTable("GenerationRequestNotes");
        builder.HasKey(n => new { n.RequestId, n.NoteId });
        // "Which takes answer this note?" starts from the note.
        builder.HasIndex(n => n.NoteId);
        builder.HasOne<Note>().WithMany().HasForeignKey(n => n.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
