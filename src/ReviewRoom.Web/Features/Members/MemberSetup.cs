namespace ReviewRoom.Web.Features.Members;

public static class MemberSetup
{
    public static void AddReviewRoomMembers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MemberCommands>();
        builder.Services.AddSingleton<ReviewLinkCommands>();
    }
}
