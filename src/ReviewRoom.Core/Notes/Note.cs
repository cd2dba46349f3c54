using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Core.Notes;

/// <summary>
/// A timecoded note on a take, or a reply in a note's thread. The body is Markdown as typed;
/// mentions are stored as members, not as text, so renaming a person does not break them.
/// </summary>
public sealed class Note
{
    public const int MaxBodyLength = 10_000;

    private readonly List<NoteMention> _mentions = [];
    private readonly List<NoteRevision> _revisions = [];

    private Note()
    {
        Body = "";
    }

    private Note(Guid projectId, Guid takeId, Guid? parentNoteId, Guid authorUserId, ProjectRole authorRole, FrameRange frames, string body, DateTime createdAtUtc)
    {
        Id = Guid.NewGuid();
        ProjectId = projectId;
        TakeId = takeId;
        ParentNoteId = parentNoteId;
        AuthorUserId = authorUserId;
        AuthorRole = authorRole;
        FrameIn = frames.In;
        FrameOut = frames.Out;
        Body = ValidateBody(body);
        CreatedAt = createdAtUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid TakeId { get; private set; }

    /// <summary>Set on replies: the top-level note whose thread this belongs to.</summary>
    public Guid? ParentNoteId { get; private set; }

    public Guid AuthorUserId { get; private set; }

    /// <summary>The author's role when they wrote it: a note from the director stays the director's note.</summary>
    public ProjectRole AuthorRole { get; private set; }

    public long FrameIn { get; private set; }
    public long FrameOut { get; private set; }
    public string Body { get; private set; }

    /// <summary>What its author drew on the frame, if anything; it shows whenever the player stands on the note's frames.</summary>
    public Drawing? Drawing { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? EditedAt { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public Guid? ResolvedByUserId { get; private set; }

    /// <summary>The take whose approval resolved the note, when it was resolved that way rather than by hand.</summary>
    public Guid? ResolvedByTakeId { get; private set; }
    public DateTime? DeletedAt { get; private set; }
    public Guid? DeletedByUserId { get; private set; }

    /// <summary>Bumped on every change, so an edit made against an old copy is refused, not lost silently.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<NoteMention> Mentions => _mentions;
    public IReadOnlyList<NoteRevision> Revisions => _revisions;

    public FrameRange Frames => new(FrameIn, FrameOut);
    public bool IsReply => ParentNoteId is not null;
    public bool IsResolved => ResolvedAt is not null;
    public bool IsDeleted => DeletedAt is not null;

    public static Note Start(Guid projectId, Take take, Guid authorUserId, ProjectRole authorRole, FrameRange frames, string body, IEnumerable<Guid> mentions, DateTime nowUtc,
        Drawing? drawing = null)
    {
        EnsureCanWrite(authorRole);
        if (!frames.FitsWithin(take.DurationFrames))
            throw new DomainException($"That frame is past the end of the take (its last frame is {take.DurationFrames - 1}).");
        var note = new Note(projectId, take.Id, null, authorUserId, authorRole, frames, body, nowUtc) { Drawing = Drawing.Validate(drawing) };
        note.SetMentions(mentions);
        return note;
    }

    public Note Reply(Guid authorUserId, ProjectRole authorRole, string body, IEnumerable<Guid> mentions, DateTime nowUtc, Drawing? drawing = null)
    {
        EnsureCanWrite(authorRole);
        if (IsReply)
            throw new DomainException("Replies go to the thread's first note.");
        if (IsDeleted)
            throw new DomainException("This note was deleted; restore it before replying.");
        var reply = new Note(ProjectId, TakeId, Id, authorUserId, authorRole, Frames, body, nowUtc) { Drawing = Drawing.Validate(drawing) };
        reply.SetMentions(mentions);
        return reply;
    }

    public void Edit(Guid editorUserId, int expectedVersion, string body, IEnumerable<Guid> mentions, DateTime nowUtc)
    {
        if (editorUserId != AuthorUserId)
            throw DomainException.Forbidden("Only the author can edit a note.");
        EnsureCurrent(expectedVersion);
        if (IsDeleted)
            throw new DomainException("This note was deleted; restore it before editing.");
        var newBody = ValidateBody(body);
        _revisions.Add(new NoteRevision(Id, Body, EditedAt ?? CreatedAt, nowUtc));
        Body = newBody;
        EditedAt = nowUtc;
        SetMentions(mentions);
        Version++;
    }

    public void Resolve(Guid userId, ProjectRole role, DateTime nowUtc, Guid? byTakeId = null)
    {
        EnsureCanWrite(role);
        if (IsReply)
            throw new DomainException("A thread is resolved from its first note.");
        if (IsResolved)
            return;
        ResolvedAt = nowUtc;
        ResolvedByUserId = userId;
        ResolvedByTakeId = byTakeId;
        Version++;
    }

    public void Reopen(ProjectRole role)
    {
        EnsureCanWrite(role);
        if (!IsResolved)
            return;
        ResolvedAt = null;
        ResolvedByUserId = null;
        ResolvedByTakeId = null;
        Version++;
    }

    public void Delete(Guid userId, bool isAdmin, DateTime nowUtc)
    {
        if (userId != AuthorUserId && !isAdmin)
            throw DomainException.Forbidden("Only the author or an administrator can delete a note.");
        if (IsDeleted)
            return;
        DeletedAt = nowUtc;
        DeletedByUserId = userId;
        Version++;
    }

    public void Restore(Guid userId, bool isAdmin)
    {
        if (userId != AuthorUserId && !isAdmin)
            throw DomainException.Forbidden("Only the author or an administrator can restore a note.");
        if (!IsDeleted)
            return;
        DeletedAt = null;
        DeletedByUserId = null;
        Version++;
    }

    private void SetMentions(IEnumerable<Guid> userIds)
    {
        _mentions.Clear();
        _mentions.AddRange(userIds.Distinct().Select(u => new NoteMention(Id, u)));
    }

    private void EnsureCurrent(int expectedVersion)
    {
        if (expectedVersion != Version)
            throw new DomainException("Someone changed this note while you were editing it. Your text is kept: review the new version, then save again.");
    }

    private static void EnsureCanWrite(ProjectRole role)
    {
        if (!ProjectRolePolicy.CanWriteNotes(role))
            throw DomainException.Forbidden($"{ProjectRolePolicy.DisplayName(role)}s can read notes but not write them.");
    }

    private static string ValidateBody(string body)
    {
        // Pasted text can carry invisible control characters (NUL among them, which PostgreSQL cannot store): they say
        // nothing a reader sees, so they go, and lines, tabs and everything visible stay.
        var trimmed = (body.Any(IsInvisibleControl) ? new string(body.Where(c => !IsInvisibleControl(c)).ToArray()) : body).Trim();
        if (trimmed.Length == 0)
            throw new DomainException("A note needs some text.");
        if (trimmed.Length > MaxBodyLength)
            throw new DomainException($"A note can be at most {MaxBodyLength:N0} characters; this one has {trimmed.Length:N0}.");
        return trimmed;
    }

    private static bool IsInvisibleControl(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');
}

public sealed class NoteMention
{
    private NoteMention()
    {
    }

    internal NoteMention(Guid noteId, Guid userId)
    {
        NoteId = noteId;
        UserId = userId;
    }

    public Guid NoteId { get; private set; }
    public Guid UserId { get; private set; }
}

/// <summary>A note's text before an edit, kept so a changed note can be traced.</summary>
public sealed class NoteRevision
{
    private NoteRevision()
    {
        Body = "";
    }

    internal NoteRevision(Guid noteId, string body, DateTime writtenAtUtc, DateTime replacedAtUtc)
    {
        NoteId = noteId;
        Body = body;
        WrittenAt = writtenAtUtc;
        ReplacedAt = replacedAtUtc;
    }

    public long Id { get; private set; }
    public Guid NoteId { get; private set; }
    public string Body { get; private set; }
    public DateTime WrittenAt { get; private set; }
    public DateTime ReplacedAt { get; private set; }
}
