namespace ReviewRoom.Core.Projects;

public sealed class ProjectMember
{
    private ProjectMember()
    {
    }

    internal ProjectMember(Guid projectId, Guid userId, ProjectRole role, DateTime joinedAtUtc)
    {
        ProjectId = projectId;
        UserId = userId;
        Role = role;
        JoinedAt = joinedAtUtc;
    }

    public Guid ProjectId { get; private set; }
    public Guid UserId { get; private set; }
    public ProjectRole Role { get; private set; }

    internal void ChangeRole(ProjectRole role) => Role = role;
    public DateTime JoinedAt { get; private set; }
}
