namespace ReviewRoom.Core;

/// <summary>Why a command was refused, so each edge can answer in its own terms (404 and 403 for the API).</summary>
public enum DomainProblem
{
    /// <summary>The request itself breaks a rule of the domain (a bad value, a wrong state).</summary>
    BrokenRule = 0,

    /// <summary>The thing does not exist, or the caller may not know that it does.</summary>
    NotFound = 1,

    /// <summary>The caller may see the thing but not do this to it.</summary>
    Forbidden = 2,
}

/// <summary>A rule of the domain was broken; the message is written for the person who tried.</summary>
public class DomainException(string message, DomainProblem problem = DomainProblem.BrokenRule) : Exception(message)
{
    public DomainProblem Problem { get; } = problem;

    public static DomainException NotFound(string message) => new(message, DomainProblem.NotFound);

    public static DomainException Forbidden(string message) => new(message, DomainProblem.Forbidden);
}

/// <summary>Someone is asking too often; the message says when to try again.</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
