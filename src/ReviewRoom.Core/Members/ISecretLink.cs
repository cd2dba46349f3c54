namespace ReviewRoom.Core.Members;

/// <summary>
/// What invitation links and review links share: a project, a secret kept only as its fingerprint, a note
/// saying who it is for, and a way to withdraw it.
/// </summary>
public interface ISecretLink
{
    Guid Id { get; }
    Guid ProjectId { get; }
    string Hash { get; }
    string Note { get; }
    void Revoke(DateTime nowUtc);
}
