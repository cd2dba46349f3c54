using System.Security.Cryptography;
using System.Text;

namespace ReviewRoom.Core;

/// <summary>
/// Secrets handed to people once (API tokens, invitation links): 256 random bits, URL-safe, with a prefix
/// saying what they are. Only their SHA-256 is stored, which is enough for secrets this long (a slow
/// password hash guards guessable secrets, not these).
/// </summary>
public static class Secrets
{
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether a string from a link could be one of ours, checked before it reaches the database.</summary>
    public static bool LooksLike(string? secret, string prefix) =>
        secret is { Length: > 10 and < 100 } && secret.StartsWith(prefix, StringComparison.Ordinal)
        && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
