namespace ReviewRoom.Core.Projects;

/// <summary>
/// When a person last opened a project, and the visit before it: what "new since my last visit" measures from. Opening
/// it again within an hour is the same visit.
/// </summary>
public sealed class ProjectVisit
{
    public static readonly TimeSpan SameVisit = TimeSpan.FromHours(1);

    private ProjectVisit()
    {
    }

    public ProjectVisit(Guid projectId, Guid userId, DateTime nowUtc)
    {
        ProjectId = projectId;
        UserId = userId;
        LastVisitAt = nowUtc;
    }

    public Guid ProjectId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime LastVisitAt { get; private set; }
    public DateTime? PreviousVisitAt { get; private set; }

    public void Visit(DateTime nowUtc)
    {
        if (nowUtc - LastVisitAt > SameVisit)
            PreviousVisitAt = LastVisitAt;
        LastVisitAt = nowUtc;
    }
}
