using System.Security.Cryptography;
using System.Text;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.Core.Members;

/// <summary>What a guest on a review link may do with the takes it covers.</summary>
public enum GuestAccess
{
    /// <summary>Watch, write notes and replies, and decide.</summary>
    Comment = 0,

    /// <summary>Watch and read the notes only.</summary>
    ViewOnly = 1,
}

/// <summary>
/// A link that lets someone without an account review some takes of a project: whole shots (their
/// takes now and later) or single takes. Like an invitation, the secret is shown once and only its
/// SHA-256 is kept. An optional password is kept as a slow hash, because people choose guessable ones.
/// </summary>
public sealed class ReviewLink : ISecretLink
{
    public const string SecretPrefix = "rev_";
    public const int MaxNoteLength = 200;
    public const int MaxGuestNameLength = 60;
    public const int MaxPasswordLength = 200;
    public const int MaxItems = 200;
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(90);

    private readonly List<ReviewLinkItem> _items = [];
    private readonly List<ReviewLinkGuest> _guests = [];

    private ReviewLink()
    {
        Hash = "";
        Hint = "";
        Note = "";
    }

    private ReviewLink(Guid projectId, GuestAccess access, string note, string hash, string hint, string? passwordHash, Guid createdByUserId, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        Access = access;
        Note = note;
        Hash = hash;
        Hint = hint;
        PasswordHash = passwordHash;
        CreatedByUserId = createdByUserId;
        CreatedAt = createdAtUtc;
        ExpiresAt = expiresAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public GuestAccess Access { get; private set; }

    /// <summary>Who it is for ("Client review, Friday"), so the team can tell links apart.</summary>
    public string Note { get; private set; }

    public string Hash { get; private set; }
    public string Hint { get; private set; }
    public string? PasswordHash { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public IReadOnlyList<ReviewLinkItem> Items => _items;
    public IReadOnlyList<ReviewLinkGuest> Guests => _guests;
    public bool HasPassword => PasswordHash is not null;

    /// <summary>The role a guest on this link acts with: a reviewer who is not a member, or one who only watches.</summary>
    public ProjectRole GuestRole => Access == GuestAccess.Comment ? ProjectRole.Guest : ProjectRole.Viewer;

    /// <summary>Makes a review link over whole shots and single takes; the returned secret goes in the link and exists nowhere else.</summary>
    public static (ReviewLink Link, string Secret) Create(
        Guid projectId, IReadOnlyCollection<Guid> shotIds, IReadOnlyCollection<Guid> takeIds, GuestAccess access, string note,
        TimeSpan lifetime, string? password, Guid createdByUserId, DateTime nowUtc)
    {
        if (!Enum.IsDefined(access))
            throw new DomainException("A review link lets guests comment, or only watch.");
        if (shotIds.Count + takeIds.Count == 0)
            throw new DomainException("Choose at least one shot or take to share.");
        if (shotIds.Count + takeIds.Count > MaxItems)
            throw new DomainException($"A review link can cover up to {MaxItems} shots and takes.");
        if (lifetime <= TimeSpan.Zero || lifetime > LongestLife)
            throw new DomainException($"A review link can last from an hour to {LongestLife.TotalDays:0} days.");
        var cleanNote = TextField.Clean(note, MaxNoteLength, "A review link's note");
        string? passwordHash = null;
        if (!string.IsNullOrEmpty(password))
        {
            if (password.Length is < 4 or > MaxPasswordLength)
                throw new DomainException($"A review link's password needs 4 to {MaxPasswordLength} characters.");
            passwordHash = PasswordHashing.Hash(password);
        }
        var secret = Secrets.New(SecretPrefix);
        var link = new ReviewLink(projectId, access, cleanNote, Secrets.HashOf(secret), secret[..(SecretPrefix.Length + 6)], passwordHash, createdByUserId, nowUtc, nowUtc + lifetime);
        link._items.AddRange(shotIds.Distinct().Select(id => new ReviewLinkItem(link.Id, shotId: id, takeId: null)));
        link._items.AddRange(takeIds.Distinct().Select(id => new ReviewLinkItem(link.Id, shotId: null, takeId: id)));
        return (link, secret);
    }

    /// <summary>Why the link cannot be used now, in words for the person who opened it; null when it can.</summary>
    public string? WhyUnusable(DateTime nowUtc) =>
        RevokedAt is not null ? "This review link was withdrawn. Ask the person who sent it for a new one."
        : nowUtc >= ExpiresAt ? "This review link has expired. Ask the person who sent it for a new one."
        : null;

    /// <summary>Whether a take is one of the link's: named itself, or on a shot the link shares whole.</summary>
    public bool Covers(Guid takeId, Guid shotId) =>
        _items.Any(i => i.TakeId == takeId || i.ShotId == shotId);

    public bool PasswordMatches(string? password) =>
        PasswordHash is null || (password is { Length: > 0 and <= MaxPasswordLength } && PasswordHashing.Verify(password, PasswordHash));

    /// <summary>Someone opens the link and says who they are; their notes and decisions carry that name.</summary>
    public ReviewLinkGuest Admit(Guid userId, string name, DateTime nowUtc)
    {
        if (WhyUnusable(nowUtc) is { } reason)
            throw new DomainException(reason);
        var guest = new ReviewLinkGuest(Id, userId, CleanGuestName(name), nowUtc);
        _guests.Add(guest);
        return guest;
    }

    public void Revoke(DateTime nowUtc) => RevokedAt ??= nowUtc;

    /// <summary>The name a guest typed, checked; " (guest)" is added where the name is shown.</summary>
    public static string CleanGuestName(string? name)
    {
        var clean = TextField.Clean(name ?? "", MaxGuestNameLength, "Your name");
        if (clean.Length == 0)
            throw new DomainException("Type your name, so the team knows whose notes these are.");
        return clean;
    }

    /// <summary>How a guest's name reads to everyone else, so nobody mistakes them for a member.</summary>
    public static string DisplayNameOf(string guestName) => $"{guestName} (guest)";
}

/// <summary>One shot (with all its takes) or one take a review link shares.</summary>
public sealed class ReviewLinkItem
{
    private ReviewLinkItem()
    {
    }

    internal ReviewLinkItem(Guid linkId, Guid? shotId, Guid? takeId)
    {
        LinkId = linkId;
        ShotId = shotId;
        TakeId = takeId;
    }

    public long Id { get; private set; }
    public Guid LinkId { get; private set; }
    public Guid? ShotId { get; private set; }
    public Guid? TakeId { get; private set; }
}

/// <summary>Someone who came in by a review link: the name they gave, and when they came and were last seen.</summary>
public sealed class ReviewLinkGuest
{
    private ReviewLinkGuest()
    {
        Name = "";
    }

    internal ReviewLinkGuest(Guid linkId, Guid userId, string name, DateTime nowUtc)
    {
        LinkId = linkId;
        UserId = userId;
        Name = name;
        JoinedAt = nowUtc;
        LastSeenAt = nowUtc;
    }

    public long Id { get; private set; }
    public Guid LinkId { get; private set; }
    public Guid UserId { get; private set; }
    public string Name { get; private set; }
    public DateTime JoinedAt { get; private set; }
    public DateTime LastSeenAt { get; private set; }

    public void Seen(DateTime nowUtc)
    {
        if (nowUtc > LastSeenAt)
            LastSeenAt = nowUtc;
    }
}

/// <summary>PBKDF2 with a per-password salt, for the few secrets people choose themselves.</summary>
public static class PasswordHashing
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
