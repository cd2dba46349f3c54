using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Members;

public class InvitationTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private static (Invitation Invitation, string Secret) Make(bool singleUse = true, TimeSpan? lifetime = null) =>
        Invitation.Create(Guid.NewGuid(), ProjectRole.Writer, " Sam, colourist ", lifetime ?? TimeSpan.FromDays(7), singleUse, Guid.NewGuid(), Now);

    [Fact]
    public void Create_KeepsOnlyAFingerprintOfTheSecret_AndAHintToTellLinksApart()
    {
        var (invitation, secret) = Make();

        Assert.StartsWith(Invitation.SecretPrefix, secret);
        Assert.True(secret.Length > 40);
        Assert.Equal(ApiToken.HashOf(secret), invitation.Hash);
        Assert.DoesNotContain(secret, invitation.Hash);
        Assert.StartsWith(invitation.Hint, secret);
        Assert.Equal("Sam, colourist", invitation.Note);
        Assert.Equal(Now.AddDays(7), invitation.ExpiresAt);
    }

    [Fact]
    public void SingleUse_WorksOnce()
    {
        var (invitation, _) = Make(singleUse: true);

        invitation.Use(Guid.NewGuid(), Now);
        var second = Assert.Throws<DomainException>(() => invitation.Use(Guid.NewGuid(), Now));

        Assert.Contains("already been used", second.Message);
    }

    [Fact]
    public void MultiUse_WorksUntilItExpires_ExactlyAtTheExpiryItStops()
    {
        var (invitation, _) = Make(singleUse: false, lifetime: TimeSpan.FromHours(1));

        invitation.Use(Guid.NewGuid(), Now);
        invitation.Use(Guid.NewGuid(), Now.AddMinutes(59));

        Assert.Equal(2, invitation.Uses.Count);
        Assert.Null(invitation.WhyUnusable(Now.AddMinutes(59)));
        Assert.Contains("expired", invitation.WhyUnusable(Now.AddHours(1)));
    }

    [Fact]
    public void Revoked_IsRefusedWithAReason_AndRevokingTwiceKeepsTheFirstTime()
    {
        var (invitation, _) = Make(singleUse: false);

        invitation.Revoke(Now);
        invitation.Revoke(Now.AddDays(1));

        Assert.Equal(Now, invitation.RevokedAt);
        Assert.Contains("withdrawn", Assert.Throws<DomainException>(() => invitation.Use(Guid.NewGuid(), Now)).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(91 * 24)]
    public void Lifetime_OutsideAnHourToNinetyDays_IsRefused(int hours)
    {
        Assert.Throws<DomainException>(() => Make(lifetime: TimeSpan.FromHours(hours)));
    }

    [Fact]
    public void UnknownRoleOrHostileNote_IsRefused()
    {
        Assert.Throws<DomainException>(() => Invitation.Create(Guid.NewGuid(), (ProjectRole)42, "", TimeSpan.FromDays(1), true, Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => Invitation.Create(Guid.NewGuid(), ProjectRole.Viewer, new string('x', 201), TimeSpan.FromDays(1), true, Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => Invitation.Create(Guid.NewGuid(), ProjectRole.Viewer, "evil\u202Egnp.exe", TimeSpan.FromDays(1), true, Guid.NewGuid(), Now));
    }
}
