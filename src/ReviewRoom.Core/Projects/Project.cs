namespace ReviewRoom.Core.Projects;

public sealed class Project
{
    private readonly List<Shot> _shots = [];
    private readonly List<ProjectMember> _members = [];

    private Project()
    {
        Name = "";
        Description = "";
    }

    public Project(string name, string description, DateTime createdAtUtc)
        : this(Guid.NewGuid(), name, description, createdAtUtc)
    {
    }

    /// <summary>With a known id, for content that must be recognised again (the demo project).</summary>
    public Project(Guid id, string name, string description, DateTime createdAtUtc)
    {
        Id = id;
        Name = ValidateName(name);
        Description = TextField.Clean(description, MaxDescriptionLength, "A project description", multiline: true);
        CreatedAt = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Description { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>The sequence number of the newest room event; the outbox hands out the next one.</summary>
    public long LastEventSequence { get; private set; }

    public Decisions.ApprovalPolicy Policy { get; private set; } = Decisions.ApprovalPolicy.Default;

    public IReadOnlyList<Shot> Shots => _shots;
    public IReadOnlyList<ProjectMember> Members => _members;

    public long NextEventSequence() => ++LastEventSequence;

    public void ChangePolicy(Decisions.ApprovalPolicy policy, ProjectRole role, bool isAdmin)
    {
        if (!Decisions.DecisionPolicy.CanEditPolicy(role, isAdmin))
            throw DomainException.Forbidden("Only the director, the producer or an administrator can change how takes are approved.");
        Policy = policy.Validated();
    }

    public Shot AddShot(string code, string sceneLabel, string description)
    {
        var order = _shots.Count == 0 ? 1 : _shots.Max(s => s.Order) + 1;
        var shot = new Shot(Id, order, code, sceneLabel, description);
        if (_shots.FirstOrDefault(s => string.Equals(s.Code, shot.Code, StringComparison.OrdinalIgnoreCase)) is { } existing)
            throw new DomainException($"This project already has a shot {existing.Code}; give the new one another code.");
        _shots.Add(shot);
        return shot;
    }

    public ProjectMember AddMember(Guid userId, ProjectRole role, DateTime joinedAtUtc)
    {
        if (!ProjectRolePolicy.IsMemberRole(role))
            throw new DomainException("That is not a role in ReviewRoom.");
        if (_members.Any(m => m.UserId == userId))
            throw new DomainException("That person is already a member of this project.");
        var member = new ProjectMember(Id, userId, role, joinedAtUtc);
        _members.Add(member);
        return member;
    }

    public void Describe(string name, string description)
    {
        Name = ValidateName(name);
        Description = TextField.Clean(description, MaxDescriptionLength, "A project description", multiline: true);
    }

    /// <summary>Renames or re-describes a shot; its code stays unique in the project.</summary>
    public Shot EditShot(Guid shotId, string code, string sceneLabel, string description)
    {
        var shot = FindShot(shotId);
        shot.Describe(code, sceneLabel, description);
        if (_shots.FirstOrDefault(s => s.Id != shotId && string.Equals(s.Code, shot.Code, StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new DomainException($"This project already has a shot {other.Code}; give this one another code.");
        return shot;
    }

    /// <summary>Moves a shot to a position in the cut (1 is first); the others close up around it.</summary>
    public Shot MoveShot(Guid shotId, int position)
    {
        var shot = FindShot(shotId);
        var ordered = _shots.OrderBy(s => s.Order).Where(s => s.Id != shotId).ToList();
        ordered.Insert(Math.Clamp(position, 1, ordered.Count + 1) - 1, shot);
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].PlaceAt(i + 1);
        return shot;
    }

    public Shot FindShot(Guid shotId) =>
        _shots.FirstOrDefault(s => s.Id == shotId) ?? throw DomainException.NotFound("That shot does not exist in this project.");

    /// <summary>Changes a member's role; the project always keeps someone who can run it.</summary>
    public ProjectMember ChangeMemberRole(Guid userId, ProjectRole role)
    {
        if (!ProjectRolePolicy.IsMemberRole(role))
            throw new DomainException("That is not a role in ReviewRoom.");
        var member = FindMember(userId);
        if (member.Role == role)
            return member;
        if (!ProjectRolePolicy.CanManageMembers(role))
            RequireAnotherManager(userId, "change their role");
        member.ChangeRole(role);
        return member;
    }

    /// <summary>Takes someone out of the project (removed by another, or leaving); their notes and decisions stay.</summary>
    public ProjectMember RemoveMember(Guid userId)
    {
        var member = FindMember(userId);
        RequireAnotherManager(userId, "leave the project");
        _members.Remove(member);
        return member;
    }

    private ProjectMember FindMember(Guid userId) =>
        _members.FirstOrDefault(m => m.UserId == userId)
        ?? throw DomainException.NotFound("That person is not a member of this project.");

    private void RequireAnotherManager(Guid userId, string what)
    {
        var member = FindMember(userId);
        if (ProjectRolePolicy.CanManageMembers(member.Role) && !_members.Any(m => m.UserId != userId && ProjectRolePolicy.CanManageMembers(m.Role)))
            throw new DomainException($"A project needs at least one director or producer. Make someone else director or producer before this person can {what}.");
    }

    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    internal static string ValidateName(string name)
    {
        var trimmed = TextField.Clean(name, MaxNameLength, "A project name");
        if (trimmed.Length == 0)
            throw new DomainException("A project needs a name.");
        return trimmed;
    }
}
