namespace ReviewRoom.Web.Features.Projects;

public static class ProjectSetup
{
    public static void AddReviewRoomProjects(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProjectAccess>();
        builder.Services.AddSingleton<ProjectCommands>();
        builder.Services.AddSingleton<BoardCommands>();
    }
}
