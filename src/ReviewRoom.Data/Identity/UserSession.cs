using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReviewRoom.Data.Identity;

/// <summary>
/// One signed-in browser or program. The sign-in cookie carries only this row's key, so signing out
/// (deleting the row) ends that session on the server, wherever copies of the cookie went.
/// </summary>
public sealed class UserSession
{
    private UserSession()
    {
        Id = "";
        Ticket = [];
    }

    public UserSession(string id, Guid userId, byte[] ticket, DateTime createdAtUtc, DateTime? expiresAtUtc)
    {
        Id = id;
        UserId = userId;
        Ticket = ticket;
        CreatedAt = createdAtUtc;
        LastSeenAt = createdAtUtc;
        ExpiresAt = expiresAtUtc;
    }

    public string Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The serialized authentication ticket (who, which claims, until when).</summary>
    public byte[] Ticket { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }
    public DateTime? ExpiresAt { get; private set; }

    public void Renew(byte[] ticket, DateTime nowUtc, DateTime? expiresAtUtc)
    {
        Ticket = ticket;
        LastSeenAt = nowUtc;
        ExpiresAt = expiresAtUtc;
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<ReviewRoomUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
