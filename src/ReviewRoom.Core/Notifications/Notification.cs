namespace ReviewRoom.Core.Notifications;

/// <summary>Why someone is told about something. Each person chooses which kinds they want.</summary>
public enum NotificationKind
{
    Mentioned = 0,
    Replied = 1,
    DecidedOnMyNote = 2,
    Circled = 3,
    NewTake = 4,
    NeedsMyDecision = 5,
}

/// <summary>One entry in a person's inbox: what happened, who did it, and the take and frame it is about.</summary>
public sealed class Notification
{
    public const int MaxTextLength = 400;

    private Notification()
    {
        Text = "";
    }

    public Notification(Guid userId, Guid projectId, NotificationKind kind, Guid? actorUserId, Guid? takeId, long? frame, string text, long sequence, DateTime createdAtUtc)
    {
        UserId = userId;
        ProjectId = projectId;
        Kind = kind;
        ActorUserId = actorUserId;
        TakeId = takeId;
        Frame = frame;
        Text = text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;
        Sequence = sequence;
        CreatedAt = createdAtUtc;
    }

    public long Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid ProjectId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public Guid? TakeId { get; private set; }
    public long? Frame { get; private set; }
    public string Text { get; private set; }

    /// <summary>The room event it came from: one event tells a person once, however often it is delivered.</summary>
    public long Sequence { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    /// <summary>When it went out in an email digest (or was settled without one because it had been read).</summary>
    public DateTime? EmailedAt { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAt ??= nowUtc;

    public void MarkEmailed(DateTime nowUtc) => EmailedAt ??= nowUtc;

    public static string DisplayName(NotificationKind kind) => kind switch
    {
        NotificationKind.Mentioned => "Someone mentions me",
        NotificationKind.Replied => "Replies in a thread I wrote or took part in",
        NotificationKind.DecidedOnMyNote => "A decision on a take I noted",
        NotificationKind.Circled => "A take is circled in a shot I follow",
        NotificationKind.NewTake => "A new take arrives in a shot I follow",
        NotificationKind.NeedsMyDecision => "A take needs my decision",
        _ => kind.ToString(),
    };
}

/// <summary>How often a person's unread notifications are emailed to them (when the server sends mail).</summary>
public enum EmailDigest
{
    Immediately = 0,
    Hourly = 1,
    Daily = 2,
    Never = 3,
}

public static class EmailDigests
{
    /// <summary>How long the oldest unsent entry waits before a digest goes.</summary>
    public static TimeSpan? WaitFor(EmailDigest digest) => digest switch
    {
        EmailDigest.Immediately => TimeSpan.Zero,
        EmailDigest.Hourly => TimeSpan.FromHours(1),
        EmailDigest.Daily => TimeSpan.FromDays(1),
        _ => null,
    };

    public static string DisplayName(EmailDigest digest) => digest switch
    {
        EmailDigest.Immediately => "As they happen",
        EmailDigest.Hourly => "Hourly summary",
        EmailDigest.Daily => "Daily summary",
        _ => "Never",
    };
}

/// <summary>The kinds a person turned off; everything else reaches their inbox.</summary>
public sealed class NotificationPreference
{
    public required Guid UserId { get; init; }
    public required NotificationKind Kind { get; init; }
}
