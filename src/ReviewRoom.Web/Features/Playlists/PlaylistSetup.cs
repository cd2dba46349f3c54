namespace ReviewRoom.Web.Features.Playlists;

public static class PlaylistSetup
{
    public static void AddReviewRoomPlaylists(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlaylistCommands>();
        builder.Services.AddSingleton<PlaylistReader>();
    }
}
