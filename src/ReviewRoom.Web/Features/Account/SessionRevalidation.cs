using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;

namespace ReviewRoom.Web.Features.Account;

/// <summary>An open page's circuit asks every half minute whether its person may still be signed in; if not, the page sends them to sign in.</summary>
internal sealed class RevalidatingSessionStateProvider(ILoggerFactory loggers, SessionValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => SessionValidator.Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated == true
            ? validator.IsValidAsync(authenticationState.User, cancellationToken)
            : Task.FromResult(true);
}

/// <summary>
/// The hub connections opened with a sign-in cookie, so a signed-out or disabled person's connections can be closed,
/// and how many each person has open, counted as they come and go: every new connection asks, and going through all of
/// them each time made the thousandth person's connection cost a thousand times the first's.
/// </summary>
public sealed class HubSessions
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    // Connections without a person (none pass the hub's sign-in today) are counted together under the empty id.
    private readonly ConcurrentDictionary<Guid, int> _openPerPerson = new();

    public void Add(HubCallerContext context)
    {
        if (_connections.TryAdd(context.ConnectionId, context))
            _openPerPerson.AddOrUpdate(PersonOf(context), 1, (_, open) => open + 1);
    }

    public void Remove(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var context))
            return;
        var person = PersonOf(context);
        if (_openPerPerson.AddOrUpdate(person, 0, (_, open) => open - 1) == 0)
            _openPerPerson.TryRemove(KeyValuePair.Create(person, 0));
    }

    public IReadOnlyCollection<HubCallerContext> All => (IReadOnlyCollection<HubCallerContext>)_connections.Values;

    /// <summary>How many connections this person has open on this node.</summary>
    public int OpenBy(Guid? userId) => _openPerPerson.GetValueOrDefault(userId ?? Guid.Empty);

    private static Guid PersonOf(HubCallerContext context) => context.User?.GetUserId() ?? Guid.Empty;
}

/// <summary>Every half minute, closes hub connections whose session has ended or whose person may no longer sign in.</summary>
internal sealed class HubSessionSweeper(HubSessions connections, SessionValidator validator, TimeProvider clock, ILogger<HubSessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SessionValidator.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not revalidate hub connections; trying again at the next tick");
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        // A person's tabs and programs share a session: one check each per sweep, not one per connection.
        var answers = new Dictionary<string, bool>();
        foreach (var connection in connections.All)
        {
            if (connection.User is not { } user)
                continue;
            var key = validator.SameAnswerKey(user);
            if (!answers.TryGetValue(key, out var valid))
                answers[key] = valid = await validator.IsValidAsync(user, cancellationToken);
            if (!valid)
            {
                logger.LogInformation("Closing hub connection {ConnectionId}: its sign-in session has ended", connection.ConnectionId);
                connections.Remove(connection.ConnectionId);
                connection.Abort();
            }
        }
    }
}
