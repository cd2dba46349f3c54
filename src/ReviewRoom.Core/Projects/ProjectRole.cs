namespace ReviewRoom.Core.Projects;

public enum ProjectRole
{
    Viewer = 0,
    Director = 1,
    Writer = 2,
    VfxLead = 3,
    Producer = 4,

    /// <summary>Not a member: someone reviewing by a link, who sees only the takes it covers.</summary>
    Guest = 5,
}

/// <summary>What each role may do in a project. One place, so pages, endpoints and the hub agree.</summary>
public static class ProjectRolePolicy
{
    public static bool CanWatch(ProjectRole role) => true;

    /// <summary>The roles a member can have; a guest's role comes from their review link, never from membership.</summary>
    public static IReadOnlyList<ProjectRole> MemberRoles { get; } = Enum.GetValues<ProjectRole>().Where(r => r != ProjectRole.Guest).ToList();

    public static bool IsMemberRole(ProjectRole role) => Enum.IsDefined(role) && role != ProjectRole.Guest;

    /// <summary>Viewers watch and read; everyone else takes part in the review.</summary>
    public static bool CanWriteNotes(ProjectRole role) => role != ProjectRole.Viewer;

    public static bool CanApprove(ProjectRole role) => role is ProjectRole.Director or ProjectRole.VfxLead or ProjectRole.Producer;

    /// <summary>Choosing the take that goes into the cut is the director's call, or the producer's in their absence.</summary>
    public static bool CanCircleTake(ProjectRole role) => role is ProjectRole.Director or ProjectRole.Producer;

    /// <summary>Anyone taking part may bring in takes; viewers only watch.</summary>
    public static bool CanUploadTakes(ProjectRole role) => role is not (ProjectRole.Viewer or ProjectRole.Guest);

    /// <summary>API tokens and webhooks let programs act for the project: the people who run it decide.</summary>
    public static bool CanManageIntegrations(ProjectRole role) => role is ProjectRole.Director or ProjectRole.Producer;

    /// <summary>Who brings people in, changes their roles and removes them (site administrators too).</summary>
    public static bool CanManageMembers(ProjectRole role) => role is ProjectRole.Director or ProjectRole.Producer;

    /// <summary>Asking the generator for new takes spends credits: the people who decide what is approved decide that.</summary>
    public static bool CanRequestTakes(ProjectRole role) => CanApprove(role);

    public static bool CanManageShots(ProjectRole role) => role is ProjectRole.Director or ProjectRole.Producer or ProjectRole.VfxLead;

    public static string DisplayName(ProjectRole role) => role switch
    {
        ProjectRole.VfxLead => "VFX Lead",
        ProjectRole.Guest => "Guest",
        _ => role.ToString(),
    };
}
