using ReviewRoom.Core;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Members;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Members;

public class ReviewLinkTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid SharedShot = Guid.NewGuid(), SharedTake = Guid.NewGuid();

    private static (ReviewLink Link, string Secret) Make(GuestAccess access = GuestAccess.Comment, string? password = null) =>
        ReviewLink.Create(Guid.NewGuid(), [SharedShot], [SharedTake], access, " Client ", TimeSpan.FromDays(7), password, Guid.NewGuid(), Now);

    [Fact]
    public void Create_KeepsOnlyAFingerprintOfTheSecret_AndASlowHashOfThePassword()
    {
        var (link, secret) = Make(password: "open sesame");

        Assert.StartsWith(ReviewLink.SecretPrefix, secret);
        Assert.Equal(Secrets.HashOf(secret), link.Hash);
        Assert.StartsWith(secret[..10], link.Hint);
        Assert.Equal("Client", link.Note);
        Assert.StartsWith("pbkdf2-sha256$", link.PasswordHash);
        Assert.DoesNotContain("open sesame", link.PasswordHash);
        Assert.True(link.PasswordMatches("open sesame"));
        Assert.False(link.PasswordMatches("open Sesame"));
        Assert.False(link.PasswordMatches(null));
        Assert.True(Make().Link.PasswordMatches(null));
    }

    [Fact]
    public void Covers_TheNamedTake_AndEveryTakeOfASharedShot_AndNothingElse()
    {
        var (link, _) = Make();

        Assert.True(link.Covers(SharedTake, Guid.NewGuid()));
        Assert.True(link.Covers(Guid.NewGuid(), SharedShot));
        Assert.False(link.Covers(Guid.NewGuid(), Guid.NewGuid()));
    }

    [Fact]
    public void GuestRole_IsGuestWhenTheyMayComment_ViewerWhenTheyOnlyWatch()
    {
        Assert.Equal(ProjectRole.Guest, Make(GuestAccess.Comment).Link.GuestRole);
        Assert.Equal(ProjectRole.Viewer, Make(GuestAccess.ViewOnly).Link.GuestRole);
        Assert.True(ProjectRolePolicy.CanWriteNotes(ProjectRole.Guest));
        Assert.False(ProjectRolePolicy.CanUploadTakes(ProjectRole.Guest));
        Assert.False(ProjectRolePolicy.CanManageShots(ProjectRole.Guest));
        Assert.DoesNotContain(ProjectRole.Guest, ProjectRolePolicy.MemberRoles);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    public void Create_RefusesLifetimesOutsideAnHourToNinetyDays(int days) =>
        Assert.Throws<DomainException>(() => ReviewLink.Create(Guid.NewGuid(), [SharedShot], [], GuestAccess.Comment, "", TimeSpan.FromDays(days), null, Guid.NewGuid(), Now));

    [Fact]
    public void Create_RefusesNothingToShare_AShortPassword_AndAnUnknownAccess()
    {
        Assert.Throws<DomainException>(() => ReviewLink.Create(Guid.NewGuid(), [], [], GuestAccess.Comment, "", TimeSpan.FromDays(1), null, Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => Make(password: "abc"));
        Assert.Throws<DomainException>(() => Make((GuestAccess)7));
    }

    [Fact]
    public void WhyUnusable_SaysWithdrawnOrExpired_AndAdmitRefusesThen()
    {
        var (link, _) = Make();
        Assert.Null(link.WhyUnusable(Now));
        Assert.Contains("expired", link.WhyUnusable(Now.AddDays(7)));
        link.Revoke(Now.AddHours(1));
        Assert.Contains("withdrawn", link.WhyUnusable(Now.AddHours(2)));
        Assert.Throws<DomainException>(() => link.Admit(Guid.NewGuid(), "Ana", Now.AddHours(2)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Ana\u0007")]
    [InlineData("\u202Eanitsirhc")]
    public void GuestNames_MustBePlainAndPresent(string name) =>
        Assert.Throws<DomainException>(() => ReviewLink.CleanGuestName(name));

    [Fact]
    public void GuestNames_AreTrimmed_AndShownAsGuests()
    {
        var (link, _) = Make();
        var guest = link.Admit(Guid.NewGuid(), "  Ana Ruiz ", Now);
        Assert.Equal("Ana Ruiz", guest.Name);
        Assert.Equal("Ana Ruiz (guest)", ReviewLink.DisplayNameOf(guest.Name));
        Assert.Throws<DomainException>(() => ReviewLink.CleanGuestName(new string('a', ReviewLink.MaxGuestNameLength + 1)));
    }

    [Fact]
    public void GuestDecisions_MoveAStatusOnlyWhenThePolicyCountsThem()
    {
        var guestReject = new[] { (ProjectRole.Director, DecisionKind.Approve), (ProjectRole.VfxLead, DecisionKind.Approve), (ProjectRole.Guest, DecisionKind.Reject) };
        Assert.Equal(TakeStatus.Approved, DecisionPolicy.StatusOf(guestReject, ApprovalPolicy.Default));
        Assert.Equal(TakeStatus.Rejected, DecisionPolicy.StatusOf(guestReject, ApprovalPolicy.Default with { GuestDecisionsCount = true }));
        Assert.Equal(TakeStatus.NotReviewed, DecisionPolicy.StatusOf([(ProjectRole.Guest, DecisionKind.NeedsChanges)], ApprovalPolicy.Default));

        var clientMustApprove = ApprovalPolicy.Default with { RequiredRoles = [ProjectRole.Director, ProjectRole.Guest], GuestDecisionsCount = true };
        Assert.Equal(TakeStatus.InReview, DecisionPolicy.StatusOf([(ProjectRole.Director, DecisionKind.Approve)], clientMustApprove.Validated()));
        Assert.Equal(TakeStatus.Approved, DecisionPolicy.StatusOf([(ProjectRole.Director, DecisionKind.Approve), (ProjectRole.Guest, DecisionKind.Approve)], clientMustApprove));
    }

    [Fact]
    public void Policy_RefusesGuestsCircling_AndRequiringAGuestWhoseDecisionsDoNotCount()
    {
        Assert.Throws<DomainException>(() => (ApprovalPolicy.Default with { CirclingRoles = [ProjectRole.Guest] }).Validated());
        Assert.Throws<DomainException>(() => (ApprovalPolicy.Default with { RequiredRoles = [ProjectRole.Guest] }).Validated());
        Assert.Contains(ProjectRole.Guest, (ApprovalPolicy.Default with { RequiredRoles = [ProjectRole.Guest], GuestDecisionsCount = true }).Validated().RequiredRoles);
    }
}
