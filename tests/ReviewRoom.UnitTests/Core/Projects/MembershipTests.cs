using ReviewRoom.Core;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Core.Projects;

public class MembershipTests
{
    private static readonly Guid Director = Guid.NewGuid(), Producer = Guid.NewGuid(), Writer = Guid.NewGuid();

    private static Project Film()
    {
        var project = new Project("Night Market", "", DateTime.UtcNow);
        project.AddMember(Director, ProjectRole.Director, DateTime.UtcNow);
        project.AddMember(Writer, ProjectRole.Writer, DateTime.UtcNow);
        return project;
    }

    [Fact]
    public void ChangeMemberRole_ChangesIt()
    {
        var project = Film();

        project.ChangeMemberRole(Writer, ProjectRole.Viewer);

        Assert.Equal(ProjectRole.Viewer, project.Members.Single(m => m.UserId == Writer).Role);
    }

    [Fact]
    public void TheOnlyDirector_CannotStepDownOrLeave_UntilAProducerJoins()
    {
        var project = Film();

        Assert.Throws<DomainException>(() => project.ChangeMemberRole(Director, ProjectRole.Writer));
        Assert.Throws<DomainException>(() => project.RemoveMember(Director));
        project.AddMember(Producer, ProjectRole.Producer, DateTime.UtcNow);
        project.ChangeMemberRole(Director, ProjectRole.Writer);
        project.RemoveMember(Director);

        Assert.DoesNotContain(project.Members, m => m.UserId == Director);
    }

    [Fact]
    public void DirectorBecomingProducer_IsAllowed_EvenAlone()
    {
        var project = Film();

        project.ChangeMemberRole(Director, ProjectRole.Producer);

        Assert.Equal(ProjectRole.Producer, project.Members.Single(m => m.UserId == Director).Role);
    }

    [Fact]
    public void NonMembersAndUnknownRoles_AreRefused()
    {
        var project = Film();

        Assert.Throws<DomainException>(() => project.RemoveMember(Guid.NewGuid()));
        Assert.Throws<DomainException>(() => project.ChangeMemberRole(Guid.NewGuid(), ProjectRole.Viewer));
        Assert.Throws<DomainException>(() => project.ChangeMemberRole(Writer, (ProjectRole)99));
        Assert.Throws<DomainException>(() => project.AddMember(Guid.NewGuid(), (ProjectRole)99, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => project.AddMember(Writer, ProjectRole.Viewer, DateTime.UtcNow));
    }
}
