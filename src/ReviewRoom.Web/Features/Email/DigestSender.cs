using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Notifications;
using ReviewRoom.Data;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Web.Features.Email;

/// <summary>
/// Emails each person their unread notifications as often as they chose: as they happen, hourly or daily.
/// Entries read in the app before their digest goes are not sent. Runs only when mail is set up.
/// </summary>
internal sealed class DigestSender(
    IDbContextFactory<ReviewRoomDbContext> contextFactory,
    RoomWriter writer,
    Mailer mailer,
    IOptions<EmailOptions> options,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DigestSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
            return;
        using var timer = new PeriodicTimer(options.Value.DigestCheckInterval, clock);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not send notification digests; trying again at the next check");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // One pass at a time: two passes reading the same unsent entries would mail them twice.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await SendDueOnceAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task SendDueOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await (from n in db.Notifications
                             join u in db.Users on n.UserId equals u.Id
                             join p in db.Projects on n.ProjectId equals p.Id
                             where n.EmailedAt == null
                             select new { n.Id, n.UserId, u.Email, u.DisplayName, u.EmailDigest, n.ReadAt, n.CreatedAt, n.Text, n.TakeId, n.Frame, n.ProjectId, Project = p.Name })
            .ToListAsync(cancellationToken);
        var baseUrl = SiteAddress.BaseUrl(configuration);
        foreach (var person in waiting.GroupBy(n => n.UserId))
        {
            var first = person.First();
            var unread = person.Where(n => n.ReadAt == null).OrderBy(n => n.CreatedAt).ToList();
            var wait = EmailDigests.WaitFor(first.EmailDigest);
            var due = unread.Count > 0 && wait is { } w && now - unread[0].CreatedAt >= w && !string.IsNullOrEmpty(first.Email);
            var settled = person.Where(n => n.ReadAt != null || wait is null).Select(n => n.Id).ToList();
            if (due)
            {
                var text = new StringBuilder($"Hello {first.DisplayName},\n\n");
                foreach (var entry in unread)
                {
                    var link = entry.TakeId is { } take ? $"{baseUrl}/takes/{take}{(entry.Frame is { } frame ? $"?frame={frame}" : "")}" : $"{baseUrl}/projects/{entry.ProjectId}";
                    text.Append(CultureInfo.InvariantCulture, $"• {entry.Text}\n  {entry.Project} · {link}\n\n");
                }
                text.Append(CultureInfo.InvariantCulture, $"Choose what you hear about, and how often: {baseUrl}/inbox\n");
                var subject = unread.Count == 1 ? $"ReviewRoom: {Shorten(unread[0].Text)}" : $"ReviewRoom: {unread.Count} things need your eyes";
                if (await mailer.TrySendAsync(new MailMessage(first.Email!, first.DisplayName, subject, text.ToString()), cancellationToken))
                    settled.AddRange(unread.Select(n => n.Id));
            }
            if (settled.Count > 0)
                await writer.WriteQuietlyAsync(async (context, ct) =>
                {
                    foreach (var notification in await context.Notifications.Where(n => settled.Contains(n.Id)).ToListAsync(ct))
                        notification.MarkEmailed(now);
                }, cancellationToken);
        }
    }

    private static string Shorten(string text) => text.Length > 90 ? text[..89] + "…" : text;
}
