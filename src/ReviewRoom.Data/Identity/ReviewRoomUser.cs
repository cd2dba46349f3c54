using Microsoft.AspNetCore.Identity;

namespace ReviewRoom.Data.Identity;

public sealed class ReviewRoomUser : IdentityUser<Guid>
{
    /// <summary>The name shown beside notes and in presence lists.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>How often unread notifications are emailed (when the server sends mail).</summary>
    public ReviewRoom.Core.Notifications.EmailDigest EmailDigest { get; set; } = ReviewRoom.Core.Notifications.EmailDigest.Daily;
}
