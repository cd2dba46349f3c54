using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Members;

/// <summary>
/// A link that brings people into a project with a role. Like an API token, the secret in the link is
/// shown once and only its SHA-256 is kept; the link stops working when it expires, is used up or revoked.
/// </summary>
public sealed class Invitation : ISecretLink
{
    public const string SecretPrefix = "inv_";
    public const int MaxNoteLength = 200;
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(90);

    private readonly List<InvitationUse> _uses = [];

    private Invitation()
    {
        Hash = "";
        Hint = "";
        Note = "";
    }

    private Invitation(Guid projectId, ProjectRole role, string note, string hash, string hint, bool singleUse, Guid createdByUserId, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        Role = role;
        Note = note;
        Hash = hash;
        Hint = hint;
        SingleUse = singleUse;
        CreatedByUserId = createdByUserId;
        CreatedAt = createdAtUtc;
        ExpiresAt = expiresAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public ProjectRole Role { get; private set; }

    /// <summary>Who it is for ("Sam, colourist"), so the team can tell links apart.</summary>
    public string Note { get; private set; }

    public string Hash { get; private set; }
    public string Hint { get; private set; }
    public bool SingleUse { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public IReadOnlyList<InvitationUse> Uses => _uses;

    /// <summary>Makes an invitation; the returned secret goes in the link and exists nowhere else.</summary>
    public static (Invitation Invitation, string Secret) Create(
        Guid projectId, ProjectRole role, string note, TimeSpan lifetime, bool singleUse, Guid createdByUserId, DateTime nowUtc)
    {
        if (!ProjectRolePolicy.IsMemberRole(role))
            throw new DomainException("That is not a role in ReviewRoom.");
        if (lifetime <= TimeSpan.Zero || lifetime > LongestLife)
            throw new DomainException($"An invitation can last from an hour to {LongestLife.TotalDays:0} days.");
        var cleanNote = TextField.Clean(note, MaxNoteLength, "An invitation's note");
        var secret = Secrets.New(SecretPrefix);
        var invitation = new Invitation(projectId, role, cleanNote, Secrets.HashOf(secret), secret[..(SecretPrefix.Length + 6)], singleUse, createdByUserId, nowUtc, nowUtc + lifetime);
        return (invitation, secret);
    }

    /// <summary>Why the link cannot be used now, in words for the person who opened it; null when it can.</summary>
    public string? WhyUnusable(DateTime nowUtc) =>
        RevokedAt is not null ? "This invitation was withdrawn. Ask the person who sent it for a new one."
        : nowUtc >= ExpiresAt ? "This invitation has expired. Ask the person who sent it for a new one."
        : SingleUse && _uses.Count > 0 ? "This invitation has already been used. Ask the person who sent it for a new one."
        : null;

    public InvitationUse Use(Guid userId, DateTime nowUtc)
    {
        if (WhyUnusable(nowUtc) is { } reason)
            throw new DomainException(reason);
        var use = new InvitationUse(Id, userId, nowUtc);
        _uses.Add(use);
        return use;
    }

    public void Revoke(DateTime nowUtc) => RevokedAt ??= nowUtc;
}

/// <summary>Who joined through an invitation, and when.</summary>
public sealed class InvitationUse
{
    private InvitationUse()
    {
    }

    internal InvitationUse(Guid invitationId, Guid userId, DateTime usedAtUtc)
    {
        InvitationId = invitationId;
        UserId = userId;
        UsedAt = usedAtUtc;
    }

    public long Id { get; private set; }
    public Guid InvitationId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime UsedAt { get; private set; }
}
