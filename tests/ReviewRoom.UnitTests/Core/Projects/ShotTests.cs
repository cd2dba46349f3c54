using ReviewRoom.Core;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.UnitTests.Core.Projects;

public class ShotTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static TakeMedia Media(string name = "a.mp4") => new(name, null, FrameRate.Fps24, 120, 640, 360, false);

    private static GenerationInfo Original => new() { Model = "Veo 3", Prompt = "a rooftop at dawn" };

    private static Shot NewShot() => new Project("Film", "", Now).AddShot("SH010", "SC 01", "");

    [Fact]
    public void AddTake_Repeatedly_NumbersVersionsFromOne()
    {
        var shot = NewShot();

        var first = shot.AddTake(Media(), Original, null, Now);
        var second = shot.AddTake(Media(), Original with { Seed = 2, ParentTakeId = first.Id, Relation = TakeRelation.ReRoll }, null, Now);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal("v002", second.VersionLabel);
    }

    [Fact]
    public void AddTake_ParentFromAnotherShot_IsRefused()
    {
        var project = new Project("Film", "", Now);
        var other = project.AddShot("SH020", "", "").AddTake(Media(), Original, null, Now);
        var shot = project.AddShot("SH030", "", "");

        var error = Assert.Throws<DomainException>(() =>
            shot.AddTake(Media(), Original with { ParentTakeId = other.Id, Relation = TakeRelation.Variation }, null, Now));
        Assert.Contains("same shot", error.Message);
    }

    [Fact]
    public void AddTake_ReRollWithoutParent_IsRefused()
    {
        var shot = NewShot();

        Assert.Throws<DomainException>(() => shot.AddTake(Media(), Original with { Relation = TakeRelation.ReRoll }, null, Now));
    }

    [Fact]
    public void AddTake_MediaWithoutFrames_IsRefused()
    {
        var shot = NewShot();

        Assert.Throws<DomainException>(() => shot.AddTake(Media() with { DurationFrames = 0 }, Original, null, Now));
    }

    [Fact]
    public void AddTake_NegativeCredits_IsRefused()
    {
        var shot = NewShot();

        Assert.Throws<DomainException>(() => shot.AddTake(Media(), Original with { CreditsSpent = -1 }, null, Now));
    }

    [Fact]
    public void Take_KeepsItsRationalFrameRateAndDuration()
    {
        var take = NewShot().AddTake(new TakeMedia("b.mp4", null, FrameRate.Fps29_97, 1800, 640, 360, true), Original, null, Now);

        Assert.Equal(FrameRate.Fps29_97, take.FrameRate);
        Assert.Equal("00:01:00;02", take.DurationTimecode.ToString());
    }
}

public class ProjectTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AddShot_OrdersShotsInTheOrderTheyAreAdded()
    {
        var project = new Project("Film", "", Now);

        var first = project.AddShot("SH010", "", "");
        var second = project.AddShot("SH020", "", "");

        Assert.Equal(1, first.Order);
        Assert.Equal(2, second.Order);
    }

    [Fact]
    public void AddMember_Twice_IsRefused()
    {
        var project = new Project("Film", "", Now);
        var person = Guid.NewGuid();
        project.AddMember(person, ProjectRole.Writer, Now);

        Assert.Throws<DomainException>(() => project.AddMember(person, ProjectRole.Director, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankName_IsRefused(string name)
    {
        Assert.Throws<DomainException>(() => new Project(name, "", Now));
    }

    [Fact]
    public void NextEventSequence_CountsUpFromOne()
    {
        var project = new Project("Film", "", Now);

        Assert.Equal(1, project.NextEventSequence());
        Assert.Equal(2, project.NextEventSequence());
        Assert.Equal(2, project.LastEventSequence);
    }
}

public class ProjectRolePolicyTests
{
    [Fact]
    public void Viewer_WatchesButDoesNotTakePart()
    {
        Assert.True(ProjectRolePolicy.CanWatch(ProjectRole.Viewer));
        Assert.False(ProjectRolePolicy.CanWriteNotes(ProjectRole.Viewer));
        Assert.False(ProjectRolePolicy.CanApprove(ProjectRole.Viewer));
        Assert.False(ProjectRolePolicy.CanCircleTake(ProjectRole.Viewer));
    }

    [Theory]
    [InlineData(ProjectRole.Director, true, true)]
    [InlineData(ProjectRole.Producer, true, true)]
    [InlineData(ProjectRole.VfxLead, true, false)]
    [InlineData(ProjectRole.Writer, false, false)]
    public void ApproveAndCircle_FollowTheRole(ProjectRole role, bool approve, bool circle)
    {
        Assert.True(ProjectRolePolicy.CanWriteNotes(role));
        Assert.Equal(approve, ProjectRolePolicy.CanApprove(role));
        Assert.Equal(circle, ProjectRolePolicy.CanCircleTake(role));
    }

    [Theory]
    [InlineData("SH010")]
    [InlineData("sh010")]
    [InlineData(" SH010 ")]
    public void AddShot_CodeTheProjectAlreadyHas_IsRefused(string code)
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        project.AddShot("SH010", "", "");

        var refused = Assert.Throws<DomainException>(() => project.AddShot(code, "", ""));

        Assert.Contains("already has a shot SH010", refused.Message);
    }

    [Theory]
    [InlineData("SH\u0000010")]
    [InlineData("SH\u202E010")]
    [InlineData("SH\n010")]
    public void AddShot_CodeWithControlOrDirectionCharacters_IsRefused(string escaped)
    {
        var code = System.Text.RegularExpressions.Regex.Unescape(escaped);

        Assert.Throws<DomainException>(() => new Project("Film", "", DateTime.UtcNow).AddShot(code, "", ""));
    }
}
