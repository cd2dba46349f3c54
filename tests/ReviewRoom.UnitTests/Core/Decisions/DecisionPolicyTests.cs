using ReviewRoom.Core;
using ReviewRoom.Core.Decisions;
using ReviewRoom.Core.Projects;
using static ReviewRoom.Core.Decisions.DecisionKind;
using static ReviewRoom.Core.Decisions.TakeStatus;

namespace ReviewRoom.UnitTests.Core.Decisions;

public class DecisionPolicyTests
{
    private static readonly ProjectRole[] Deciders = [ProjectRole.Director, ProjectRole.VfxLead, ProjectRole.Producer, ProjectRole.Writer];

    private static readonly ApprovalPolicy Strict = new()
    {
        RequiredRoles = [ProjectRole.Director, ProjectRole.VfxLead, ProjectRole.Producer],
        RejectBlocks = true,
        CirclingRoles = [ProjectRole.Director],
    };

    private static readonly ApprovalPolicy RejectDoesNotBlock = ApprovalPolicy.Default with { RejectBlocks = false };

    /// <summary>Every combination of no decision or one of four kinds for each of the four deciding roles (625).</summary>
    public static IEnumerable<(ProjectRole Role, DecisionKind Kind)[]> AllCombinations()
    {
        var options = new DecisionKind?[] { null, Approve, ApproveWithChanges, NeedsChanges, Reject };
        foreach (var director in options)
            foreach (var vfx in options)
                foreach (var producer in options)
                    foreach (var writer in options)
                    {
                        yield return new[] { (ProjectRole.Director, director), (ProjectRole.VfxLead, vfx), (ProjectRole.Producer, producer), (ProjectRole.Writer, writer) }
                            .Where(d => d.Item2 is not null).Select(d => (d.Item1, d.Item2!.Value)).ToArray();
                    }
    }

    private static bool Approves(DecisionKind kind) => kind is Approve or ApproveWithChanges;

    [Theory]
    [InlineData(new DecisionKind[0], new ProjectRole[0], NotReviewed)]
    [InlineData(new[] { Approve }, new[] { ProjectRole.Director }, InReview)]
    [InlineData(new[] { Approve, Approve }, new[] { ProjectRole.Director, ProjectRole.VfxLead }, Approved)]
    [InlineData(new[] { Approve, ApproveWithChanges }, new[] { ProjectRole.Director, ProjectRole.VfxLead }, Approved)]
    [InlineData(new[] { Approve, Approve, NeedsChanges }, new[] { ProjectRole.Director, ProjectRole.VfxLead, ProjectRole.Writer }, ChangesRequested)]
    [InlineData(new[] { Approve, Approve, Reject }, new[] { ProjectRole.Director, ProjectRole.VfxLead, ProjectRole.Producer }, Rejected)]
    [InlineData(new[] { Approve, Approve }, new[] { ProjectRole.Producer, ProjectRole.Writer }, InReview)]
    [InlineData(new[] { NeedsChanges, Reject }, new[] { ProjectRole.Director, ProjectRole.Writer }, Rejected)]
    public void StatusOf_DefaultPolicy_Examples(DecisionKind[] kinds, ProjectRole[] roles, TakeStatus expected)
    {
        Assert.Equal(expected, DecisionPolicy.StatusOf(roles.Zip(kinds), ApprovalPolicy.Default));
    }

    [Fact]
    public void StatusOf_DefaultPolicy_EveryCombinationFollowsTheRules()
    {
        foreach (var decisions in AllCombinations())
        {
            var expected = decisions.Length == 0 ? NotReviewed
                : decisions.Any(d => d.Kind == Reject) ? Rejected
                : decisions.Any(d => d.Kind == NeedsChanges) ? ChangesRequested
                : decisions.Any(d => d.Role == ProjectRole.Director && Approves(d.Kind)) && decisions.Any(d => d.Role == ProjectRole.VfxLead && Approves(d.Kind)) ? Approved
                : InReview;
            Assert.True(expected == DecisionPolicy.StatusOf(decisions, ApprovalPolicy.Default), string.Join(", ", decisions));
        }
    }

    [Fact]
    public void StatusOf_StrictPolicy_EveryCombinationNeedsAllThreeApprovals()
    {
        foreach (var decisions in AllCombinations())
        {
            var status = DecisionPolicy.StatusOf(decisions, Strict);
            var allThree = Strict.RequiredRoles.All(r => decisions.Any(d => d.Role == r && Approves(d.Kind)));
            var blocked = decisions.Any(d => d.Kind is Reject or NeedsChanges);
            Assert.True((status == Approved) == (allThree && !blocked), $"{status} for {string.Join(", ", decisions)}");
            if (decisions.Any(d => d.Kind == Reject))
                Assert.Equal(Rejected, status);
        }
    }

    [Fact]
    public void StatusOf_WhenRejectDoesNotBlock_OnlyEveryRequiredRoleRejectingRejects()
    {
        foreach (var decisions in AllCombinations())
        {
            var status = DecisionPolicy.StatusOf(decisions, RejectDoesNotBlock);
            var requiredAllReject = RejectDoesNotBlock.RequiredRoles.All(r => decisions.Any(d => d.Role == r) && decisions.Where(d => d.Role == r).All(d => d.Kind == Reject));
            Assert.True((status == Rejected) == requiredAllReject, $"{status} for {string.Join(", ", decisions)}");
        }
        // A writer's reject alone no longer stops the required approvals.
        Assert.Equal(Approved, DecisionPolicy.StatusOf([(ProjectRole.Director, Approve), (ProjectRole.VfxLead, Approve), (ProjectRole.Writer, Reject)], RejectDoesNotBlock));
    }

    [Fact]
    public void ShotStatusOf_FollowsTheCircledTakeElseWhetherAnyTakeWasReviewed()
    {
        Assert.Equal(Approved, DecisionPolicy.ShotStatusOf(Approved, [Rejected, Approved]));
        Assert.Equal(InReview, DecisionPolicy.ShotStatusOf(null, [NotReviewed, ChangesRequested]));
        Assert.Equal(NotReviewed, DecisionPolicy.ShotStatusOf(null, [NotReviewed]));
    }

    [Fact]
    public void Record_ByViewer_IsRefused_AndAChangedMindSupersedesThePrevious()
    {
        var user = Guid.NewGuid();
        var take = Guid.NewGuid();
        Assert.Throws<DomainException>(() => TakeDecision.Record(Guid.NewGuid(), take, user, ProjectRole.Viewer, Approve, null, null, null, DateTime.UtcNow));

        var first = TakeDecision.Record(Guid.NewGuid(), take, user, ProjectRole.Writer, NeedsChanges, "line too long", null, null, DateTime.UtcNow);
        var second = TakeDecision.Record(Guid.NewGuid(), take, user, ProjectRole.Writer, Approve, null, null, first, DateTime.UtcNow);

        Assert.False(first.IsCurrent);
        Assert.True(second.IsCurrent);
    }

    [Fact]
    public void Validated_RefusesEmptyOrViewerRoles()
    {
        Assert.Throws<DomainException>(() => (ApprovalPolicy.Default with { RequiredRoles = [] }).Validated());
        Assert.Throws<DomainException>(() => (ApprovalPolicy.Default with { CirclingRoles = [ProjectRole.Viewer] }).Validated());
        Assert.Equal([ProjectRole.Director, ProjectRole.VfxLead], (ApprovalPolicy.Default with { RequiredRoles = [ProjectRole.VfxLead, ProjectRole.Director, ProjectRole.VfxLead] }).Validated().RequiredRoles);
    }

    [Fact]
    public void Circle_NotApprovedTake_NeedsConfirmationAndIsMarked()
    {
        var project = new Project("Film", "", DateTime.UtcNow);
        var shot = project.AddShot("SH010", "", "");
        var take = shot.AddTake(new TakeMedia("a.mp4", null, ReviewRoom.Core.Time.FrameRate.Fps24, 10, 64, 64, false), new GenerationInfo { Model = "m", Prompt = "p" }, null, DateTime.UtcNow);

        Assert.Throws<DomainException>(() => ShotSelection.Circle(project.Id, shot, take.Id, Guid.NewGuid(), ProjectRole.Director, ApprovalPolicy.Default, InReview, false, null, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => ShotSelection.Circle(project.Id, shot, take.Id, Guid.NewGuid(), ProjectRole.Writer, ApprovalPolicy.Default, Approved, false, null, DateTime.UtcNow));
        var confirmed = ShotSelection.Circle(project.Id, shot, take.Id, Guid.NewGuid(), ProjectRole.Producer, ApprovalPolicy.Default, InReview, true, "deadline", DateTime.UtcNow);

        Assert.False(confirmed.TakeWasApproved);
        Assert.Equal("deadline", confirmed.Reason);
    }
}
