namespace ReviewRoom.Web.Features.Decisions;

public static class DecisionSetup
{
    public static void AddReviewRoomDecisions(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<DecisionCommands>();
}
