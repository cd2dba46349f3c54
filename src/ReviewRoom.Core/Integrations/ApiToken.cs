namespace ReviewRoom.Core.Integrations;

public enum ApiTokenScope
{
    /// <summary>List and read: projects, shots, takes, notes, decisions.</summary>
    Read = 0,

    /// <summary>Everything read allows, plus creating shots and uploading takes.</summary>
    ReadIngest = 1,
}

/// <summary>
/// A project's key for a pipeline. The secret is shown once when made; only its SHA-256 is kept, which is
/// enough for 256 random bits (a slow password hash guards guessable secrets, not these).
/// </summary>
public sealed class ApiToken
{
    public const string SecretPrefix = "rr_";

    private ApiToken()
    {
        Name = "";
        Hash = "";
        Hint = "";
    }

    private ApiToken(Guid projectId, string name, ApiTokenScope scope, string hash, string hint, Guid createdByUserId, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        Name = name;
        Scope = scope;
        Hash = hash;
        Hint = hint;
        CreatedByUserId = createdByUserId;
        CreatedAt = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Name { get; private set; }
    public ApiTokenScope Scope { get; private set; }
    public string Hash { get; private set; }

    /// <summary>The secret's first characters, so people can tell their tokens apart.</summary>
    public string Hint { get; private set; }

    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Makes a token; the returned secret exists nowhere else and must be handed to the person now.</summary>
    public static (ApiToken Token, string Secret) Create(Guid projectId, string name, ApiTokenScope scope, Guid createdByUserId, DateTime createdAtUtc)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
            throw new DomainException("Name the token after the pipeline that will use it, such as \"render farm\".");
        if (trimmed.Length > 100)
            throw new DomainException("A token's name can be at most 100 characters.");
        var secret = Secrets.New(SecretPrefix);
        return (new ApiToken(projectId, trimmed, scope, HashOf(secret), secret[..(SecretPrefix.Length + 6)], createdByUserId, createdAtUtc), secret);
    }

    public static string HashOf(string secret) => Secrets.HashOf(secret);

    public void Revoke(DateTime nowUtc) => RevokedAt ??= nowUtc;

    public void MarkUsed(DateTime nowUtc) => LastUsedAt = nowUtc;

    public static string DisplayName(ApiTokenScope scope) => scope == ApiTokenScope.ReadIngest ? "Read + ingest" : "Read";
}
