using Microsoft.AspNetCore.Identity;

namespace ReviewRoom.Data.Identity;

public sealed class ReviewRoomUser : IdentityUser<Guid>
{
    /// <summary>The name shown beside notes and in presence lists.</summary>
    public string DisplayName { get; set; } = "";
}
