namespace ReviewRoom.Core;

/// <summary>A rule of the domain was broken; the message is written for the person who tried.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>Someone is asking too often; the message says when to try again.</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
