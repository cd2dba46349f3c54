using ReviewRoom.Web.Features.Notes.Services;

namespace ReviewRoom.Web.Features.Notes;

public static class NoteSetup
{
    public static void AddReviewRoomNotes(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NoteCommands>();
        builder.Services.AddSingleton<MarkdownRenderer>();
    }
}
