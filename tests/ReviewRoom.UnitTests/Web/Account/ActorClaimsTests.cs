using System.Security.Claims;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.UnitTests.Web.Account;

/// <summary>The one place a sign-in becomes an <see cref="Actor"/>: what every command then trusts.</summary>
public sealed class ActorClaimsTests
{
    private static readonly Guid PersonId = Guid.Parse("0b7e4c52-58a1-4d0e-9f57-6f0a6d6c1a01");
    private static readonly Guid LinkId = Guid.Parse("5a3c0f1e-2b7d-4e8a-9c61-3d2f1e0b9a02");
    private static readonly Guid ProjectId = Guid.Parse("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e03");

    private static ClaimsPrincipal Cookie(params Claim[] claims) =>
        new(new ClaimsIdentity(claims, "Identity.Application", ClaimTypes.Name, ClaimTypes.Role));

    [Fact]
    public void ASignedInAccount_IsAPerson_WithItsNameAndWhetherItAdministersTheSite()
    {
        var member = Cookie(new Claim(ClaimTypes.NameIdentifier, PersonId.ToString()), new Claim(UserClaims.DisplayName, "Dana Director")).ToActor();
        var admin = Cookie(new Claim(ClaimTypes.NameIdentifier, PersonId.ToString()), new Claim(ClaimTypes.Role, AccountSetup.AdminRole)).ToActor();

        Assert.Equal(new Actor.Person(PersonId, "Dana Director", Administrator: false), member);
        Assert.Equal(PersonId, member.UserId);
        Assert.False(member.IsAdministrator);
        Assert.True(admin.IsAdministrator);
    }

    [Fact]
    public void SomeoneOnAReviewLink_IsAGuest_AndNeverAnAdministrator()
    {
        var guest = Cookie(
            new Claim(ClaimTypes.NameIdentifier, PersonId.ToString()),
            new Claim(UserClaims.DisplayName, "Gil Guest"),
            new Claim(UserClaims.GuestLink, LinkId.ToString()),
            new Claim(ClaimTypes.Role, AccountSetup.AdminRole)).ToActor();

        Assert.Equal(new Actor.Guest(PersonId, "Gil Guest", LinkId), guest);
        Assert.False(guest.IsAdministrator);
    }

    [Theory]
    [InlineData(ApiTokenScope.Read, false)]
    [InlineData(ApiTokenScope.ReadIngest, true)]
    public void AnApiToken_IsAPipeline_BoundToItsProjectAndScope(ApiTokenScope scope, bool mayChange)
    {
        var tokenId = Guid.NewGuid();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "render-farm"),
            new Claim(ApiTokenClaims.TokenId, tokenId.ToString()),
            new Claim(ApiTokenClaims.ProjectId, ProjectId.ToString()),
            new Claim(ApiTokenClaims.Scope, scope.ToString()),
        ], ApiTokenClaims.Scheme));

        var pipeline = Assert.IsType<Actor.Pipeline>(principal.ToActor());

        Assert.Equal(new Actor.Pipeline(tokenId, ProjectId, "render-farm", scope), pipeline);
        Assert.Equal(mayChange, pipeline.MayChange);
        Assert.Null(pipeline.UserId);
        Assert.False(pipeline.IsAdministrator);
    }

    [Fact]
    public void NoSignIn_OrClaimsThatDoNotParse_AreAnonymous()
    {
        Assert.Same(Actor.Anonymous.Instance, new ClaimsPrincipal().ToActor());
        Assert.Same(Actor.Anonymous.Instance, Cookie(new Claim(ClaimTypes.NameIdentifier, "not-an-id")).ToActor());
        // A token identity with a scope this server does not know grants nothing, not even reading.
        var unknownScope = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ApiTokenClaims.TokenId, Guid.NewGuid().ToString()),
            new Claim(ApiTokenClaims.ProjectId, ProjectId.ToString()),
            new Claim(ApiTokenClaims.Scope, "Everything"),
        ], ApiTokenClaims.Scheme));
        Assert.Same(Actor.Anonymous.Instance, unknownScope.ToActor());
    }
}
