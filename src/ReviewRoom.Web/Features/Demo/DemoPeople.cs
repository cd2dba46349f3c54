using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Demo;

public sealed record DemoPerson(string DisplayName, string Email, ProjectRole Role);

/// <summary>One demo person per role, so a newcomer can see the room from every seat.</summary>
public static class DemoPeople
{
    /// <summary>Shown on the sign-in page: demo accounts are for trying ReviewRoom, never for real work.</summary>
    public const string Password = "reviewroom-demo";

    public static IReadOnlyList<DemoPerson> All { get; } =
    [
        new("Dana Reyes", "director@demo.reviewroom.local", ProjectRole.Director),
        new("Wes Okafor", "writer@demo.reviewroom.local", ProjectRole.Writer),
        new("Priya Nair", "vfx@demo.reviewroom.local", ProjectRole.VfxLead),
        new("Sam Lindqvist", "producer@demo.reviewroom.local", ProjectRole.Producer),
        new("Vic Moreau", "viewer@demo.reviewroom.local", ProjectRole.Viewer),
    ];
}
