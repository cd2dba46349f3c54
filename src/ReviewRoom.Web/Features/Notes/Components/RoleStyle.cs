using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Notes.Components;

/// <summary>Each role's colour, shared by note markers, author chips and presence.</summary>
public static class RoleStyle
{
    public static string CssClass(ProjectRole role) => $"rr-role-{role.ToString().ToLowerInvariant()}";
}
