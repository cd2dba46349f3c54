using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.UnitTests.Web.Account;

public class HubSessionsTests
{
    /// <summary>Only what the connection list reads: the connection's id and who opened it.</summary>
    private sealed class Connection(string id, Guid? userId) : HubCallerContext
    {
        public override string ConnectionId => id;
        public override string? UserIdentifier => userId?.ToString();
        public override ClaimsPrincipal? User { get; } = userId is { } person
            ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.ToString())], "test"))
            : null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }

    [Fact]
    public void EachPersonsOpenConnections_AreCountedAsTheyComeAndGo()
    {
        var sessions = new HubSessions();
        var dana = Guid.NewGuid();
        var lee = Guid.NewGuid();

        sessions.Add(new Connection("d1", dana));
        sessions.Add(new Connection("d2", dana));
        sessions.Add(new Connection("d2", dana));
        sessions.Add(new Connection("l1", lee));
        sessions.Add(new Connection("anonymous", null));

        Assert.Equal(2, sessions.OpenBy(dana));
        Assert.Equal(1, sessions.OpenBy(lee));
        Assert.Equal(1, sessions.OpenBy(null));
        Assert.Equal(4, sessions.All.Count);

        sessions.Remove("d1");
        sessions.Remove("d1");
        sessions.Remove("unknown");
        Assert.Equal(1, sessions.OpenBy(dana));
        sessions.Remove("d2");
        sessions.Remove("l1");

        Assert.Equal(0, sessions.OpenBy(dana));
        Assert.Equal(0, sessions.OpenBy(lee));
        Assert.Single(sessions.All);
    }
}
