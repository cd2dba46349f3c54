using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using ReviewRoom.Core;
using ReviewRoom.Core.Diagnostics;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Security;

namespace ReviewRoom.Web.Features.Rooms;

/// <summary>
/// What every hub message passes before a hub method runs: a per-connection budget, a size bound,
/// arguments checked against what the method declares (nulls, unknown enum values, negative frames),
/// and errors turned into sentences for people. A hub method therefore only ever sees well-formed input.
/// </summary>
internal sealed class HubGuard(RateLimits limits, HubSessions sessions, ILogger<HubGuard> logger) : IHubFilter
{
    /// <summary>The most text one message may carry: the longest note, with room for its JSON.</summary>
    public const int MaxMessageChars = 32 * 1024;

    /// <summary>No take runs this long at any rate; larger frame numbers are typing errors or attacks.</summary>
    public const long MaxFrame = 100_000_000;

    private const string LimiterKey = "reviewroom:limiter";
    private static readonly ConcurrentDictionary<ParameterInfo, NullabilityInfo> ParameterNullability = new();

    // Reflection once per type, not once per message: every note passes through here.
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Required)[]> RequestProperties = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var userId = context.Context.User?.GetUserId();
        var open = sessions.OpenBy(userId);
        if (open >= limits.Options.HubConnectionsPerPerson)
            throw new HubException($"You already have {open} live connections open; close some tabs or programs and try again.");
        context.Context.Items[LimiterKey] = limits.NewHubConnectionLimiter();
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items[LimiterKey] is RateLimiter limiter)
            await limiter.DisposeAsync();
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await GuardAsync(invocation, next);
        }
        finally
        {
            ReviewRoomMetrics.Record(ReviewRoomMetrics.HubCall, started, new("method", invocation.HubMethodName));
        }
    }

    private async ValueTask<object?> GuardAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.Context.Items[LimiterKey] is RateLimiter limiter)
        {
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
                throw new HubException($"You are sending messages faster than this server allows ({limits.Options.HubMessagesPerSecond} a second); wait a moment.");
        }
        Validate(invocation.HubMethod, invocation.HubMethodArguments);
        try
        {
            return await next(invocation);
        }
        catch (DomainException ex)
        {
            throw new HubException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is not HubException and not OperationCanceledException)
        {
            logger.LogError(ex, "Hub method {Method} failed for connection {ConnectionId}", invocation.HubMethodName, invocation.Context.ConnectionId);
            throw new HubException("Something went wrong on the server; it has been logged. Try again, and tell an administrator if it keeps happening.", ex);
        }
    }

    private static void Validate(MethodInfo method, IReadOnlyList<object?> arguments)
    {
        var parameters = method.GetParameters();
        var chars = 0;
        for (var i = 0; i < parameters.Length && i < arguments.Count; i++)
        {
            var parameter = parameters[i];
            var argument = arguments[i];
            var name = parameter.Name ?? $"argument {i + 1}";
            if (argument is null)
            {
                if (ParameterNullability.GetOrAdd(parameter, p => new NullabilityInfoContext().Create(p)).ReadState == NullabilityState.NotNull)
                    throw new HubException($"{method.Name} needs {Describe(name)}; it was sent empty (null).");
                continue;
            }
            chars += CheckValue(method.Name, name, argument, depth: 0);
        }
        if (chars > MaxMessageChars)
            throw new HubException($"This message carries {chars:N0} characters; this server accepts at most {MaxMessageChars:N0} in one message.");
    }

    /// <summary>Checks one value and, for request records, their properties; returns the characters of text it holds.</summary>
    private static int CheckValue(string method, string name, object value, int depth)
    {
        switch (value)
        {
            case string text:
                return text.Length;
            case Enum enumValue when !Enum.IsDefined(enumValue.GetType(), enumValue):
                throw new HubException($"{value} is not a known {Describe(name)} for {method}. Use one of: {string.Join(", ", Enum.GetNames(enumValue.GetType()))}.");
            case long number when IsFrame(name) && number is < 0 or > MaxFrame:
                throw new HubException($"{Describe(name)} must be a frame number from 0 to {MaxFrame:N0}; it was {number}.");
            case long number when IsSequence(name) && number < 0:
                throw new HubException($"{Describe(name)} must be an event sequence number of 0 or more; it was {number}.");
            case System.Collections.IEnumerable items when value is not string:
                return items.Cast<object?>().Sum(item => item is null ? 0 : CheckValue(method, name, item, depth + 1));
        }
        var type = value.GetType();
        if (depth > 2 || type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            return 0;
        var chars = 0;
        foreach (var (property, required) in RequestProperties.GetOrAdd(type, PropertiesOf))
        {
            var inner = property.GetValue(value);
            if (inner is null)
            {
                if (required)
                    throw new HubException($"{method} needs {Describe(property.Name)}; it was missing or empty (null).");
                continue;
            }
            chars += CheckValue(method, property.Name, inner, depth + 1);
        }
        return chars;
    }

    private static (PropertyInfo, bool)[] PropertiesOf(Type type)
    {
        // NullabilityInfoContext is not thread-safe; this runs once per type under the dictionary's factory.
        var context = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (p, context.Create(p).ReadState == NullabilityState.NotNull))
            .ToArray();
    }

    private static bool IsFrame(string name) => name.Contains("frame", StringComparison.OrdinalIgnoreCase);

    private static bool IsSequence(string name) => name.Contains("sequence", StringComparison.OrdinalIgnoreCase);

    /// <summary>"FrameIn" becomes "frame in": parameter names read as words.</summary>
    private static string Describe(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>
/// The JSON hub protocol, except that a message whose arguments cannot be read (wrong types, too few or
/// too many) reaches the hub as a call to <see cref="ReviewHub.RefuseUnreadable"/> carrying the reason, so the
/// caller gets a sentence saying what to send instead of "Failed to invoke".
/// </summary>
internal sealed class ReadableJsonHubProtocol(JsonHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;
    public int Version => inner.Version;
    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
            return false;
        if (message is InvocationBindingFailureMessage failure)
            message = new InvocationMessage(failure.InvocationId, nameof(ReviewHub.RefuseUnreadable), [failure.Target, Explain(failure)]);
        return true;
    }

    private static string Explain(InvocationBindingFailureMessage failure)
    {
        var reason = failure.BindingFailure.SourceException;
        var detail = reason is JsonException json ? json.Message : reason.InnerException is JsonException innerJson ? innerJson.Message : reason.Message;
        if (detail.Contains("argument(s) but target expects", StringComparison.Ordinal))
            return $"{failure.Target} was sent the wrong number of arguments ({FirstSentence(detail)})";
        return $"{failure.Target} was sent arguments it cannot read: {FirstSentence(detail)} Check each value's type against the hub API.";
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        foreach (var (type, words) in TypeWords)
            sentence = sentence.Replace(type, words, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(sentence, @"ReviewRoom\.[\w.]+\.(?<type>\w+)", "the ${type} object", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    }

    private static readonly (string Type, string Words)[] TypeWords =
    [
        ("System.Guid", "an id"), ("System.Int64", "a whole number"), ("System.Int32", "a whole number"), ("System.Boolean", "true or false"),
        ("System.String", "text"), ("System.Nullable`1[", "["),
    ];
}
