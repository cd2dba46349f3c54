using System.Security.Cryptography;
using System.Text;

namespace ReviewRoom.Core.Integrations;

/// <summary>The event types a webhook can ask for; part of the public integration API.</summary>
public static class WebhookEvents
{
    public const string TakeIngested = "take.ingested";
    public const string NoteCreated = "note.created";
    public const string TakeDecision = "take.decision";
    public const string TakeApproved = "take.approved";
    public const string TakeChangesRequested = "take.changes_requested";
    public const string ShotCircled = "shot.circled";

    /// <summary>Someone in the room asked for new takes: what a pipeline renders from.</summary>
    public const string GenerationRequested = "generation.requested";

    public static IReadOnlyList<string> All { get; } = [TakeIngested, NoteCreated, TakeDecision, TakeApproved, TakeChangesRequested, ShotCircled, GenerationRequested];
}

/// <summary>A project's subscription: which events go to which URL, signed with which secret.</summary>
public sealed class Webhook
{
    private Webhook()
    {
        Url = "";
        Secret = "";
        EventTypes = "";
    }

    public Webhook(Guid projectId, string url, string secret, IEnumerable<string> eventTypes, Guid createdByUserId, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        Url = ValidUrl(url);
        Secret = ValidSecret(secret);
        var types = eventTypes.Distinct().ToList();
        if (types.Count == 0)
            throw new DomainException("Choose at least one event to send.");
        if (types.FirstOrDefault(t => !WebhookEvents.All.Contains(t)) is { } unknown)
            throw new DomainException($"'{unknown}' is not a webhook event. Known events: {string.Join(", ", WebhookEvents.All)}.");
        EventTypes = string.Join(',', types);
        IsActive = true;
        CreatedByUserId = createdByUserId;
        CreatedAt = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Url { get; private set; }

    /// <summary>Kept as given: the receiver needs the same secret to check signatures.</summary>
    public string Secret { get; private set; }

    /// <summary>Comma-separated <see cref="WebhookEvents"/> names.</summary>
    public string EventTypes { get; private set; }

    public bool IsActive { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<string> Events => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => IsActive && Events.Contains(eventType);

    public void SetActive(bool active) => IsActive = active;

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>
    /// "t=UNIX,v1=HEX": HMAC-SHA256 over "UNIX.BODY" with the secret. The timestamp inside the signed text
    /// lets a receiver refuse old deliveries replayed at it.
    /// </summary>
    public static string Sign(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    private static string ValidUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new DomainException("Give the full address the events should go to, starting with https:// (or http:// on a private network).");
        return uri.ToString();
    }

    private static string ValidSecret(string secret)
    {
        var trimmed = secret.Trim();
        if (trimmed.Length < 16)
            throw new DomainException("Use a secret of at least 16 characters (or let ReviewRoom make one).");
        return trimmed.Length > 200 ? throw new DomainException("A secret can be at most 200 characters.") : trimmed;
    }
}

public enum WebhookDeliveryState
{
    Pending = 0,
    Delivered = 1,

    /// <summary>Every attempt failed; a person can send it again.</summary>
    Failed = 2,
}

/// <summary>One event sent (or to be sent) to one webhook, with how it went.</summary>
public sealed class WebhookDelivery
{
    public const int MaxAttempts = 6;

    private WebhookDelivery()
    {
        EventType = "";
        Body = "";
    }

    public WebhookDelivery(Guid webhookId, Guid projectId, string eventType, string body, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        WebhookId = webhookId;
        ProjectId = projectId;
        EventType = eventType;
        Body = body;
        CreatedAt = createdAtUtc;
        NextAttemptAt = createdAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid WebhookId { get; private set; }
    public Guid ProjectId { get; private set; }
    public string EventType { get; private set; }

    /// <summary>The exact bytes sent (and signed); a redelivery sends them again.</summary>
    public string Body { get; private set; }

    public WebhookDeliveryState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>Until when one node holds this attempt: nodes sharing the queue send each attempt once, not once each.</summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    public bool IsDue(DateTime nowUtc) => State == WebhookDeliveryState.Pending && NextAttemptAt <= nowUtc && (LeaseExpiresAt is null || LeaseExpiresAt < nowUtc);

    /// <summary>Takes the next attempt for <paramref name="lease"/>; a node that dies mid-attempt leaves it to another after that.</summary>
    public void Claim(DateTime nowUtc, TimeSpan lease)
    {
        if (!IsDue(nowUtc))
            throw new DomainException("Only a due delivery can be sent.");
        LeaseExpiresAt = nowUtc + lease;
    }

    public void Succeed(int statusCode, DateTime nowUtc)
    {
        Attempts++;
        LeaseExpiresAt = null;
        State = WebhookDeliveryState.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        DeliveredAt = nowUtc;
    }

    /// <summary>A refused or unreachable attempt: wait longer each time, give up after <see cref="MaxAttempts"/>.</summary>
    public void Fail(int? statusCode, string error, TimeSpan firstRetryDelay, DateTime nowUtc)
    {
        Attempts++;
        LeaseExpiresAt = null;
        LastStatusCode = statusCode;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= MaxAttempts)
        {
            State = WebhookDeliveryState.Failed;
            return;
        }
        NextAttemptAt = nowUtc + firstRetryDelay * Math.Pow(4, Attempts - 1);
    }

    /// <summary>The same event, sent again as a new delivery (the log keeps the old one).</summary>
    public WebhookDelivery Redeliver(DateTime nowUtc) => new(WebhookId, ProjectId, EventType, Body, nowUtc);
}

/// <summary>How far a reader of the room-event log has got, so it resumes there after a restart.</summary>
public sealed class EventLogCursor
{
    private EventLogCursor()
    {
        Name = "";
    }

    public EventLogCursor(string name)
    {
        Name = name;
    }

    public string Name { get; private set; }
    public long LastRoomEventId { get; private set; }

    public void MoveTo(long roomEventId) => LastRoomEventId = Math.Max(LastRoomEventId, roomEventId);
}
