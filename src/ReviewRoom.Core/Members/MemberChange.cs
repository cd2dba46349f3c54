using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Members;

/// <summary>
/// The payload of member.added, member.role_changed and member.removed: whose membership changed and to
/// what. Pages and hub connections read it to follow their own person's role without a reload.
/// </summary>
public sealed record MemberChange(Guid UserId, ProjectRole Role, Guid? InvitationId = null)
{
    public static bool IsMemberEvent(string type) => type.StartsWith("member.", StringComparison.Ordinal);
}
