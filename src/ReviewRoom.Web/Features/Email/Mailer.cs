using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ReviewRoom.Web.Features.Email;

/// <summary>What to send: plain text always (mail clients that strip HTML still get the link), HTML beside it.</summary>
public sealed record MailMessage(string ToAddress, string ToName, string Subject, string Text);

/// <summary>
/// Sends mail through the configured SMTP server (MailKit). Every message ReviewRoom sends also has its
/// link on screen, so a failed send is reported, never fatal.
/// </summary>
public sealed class Mailer(IOptions<EmailOptions> options, ILogger<Mailer> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>True when the server accepted the message.</summary>
    public async Task<bool> TrySendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return false;
        try
        {
            var mime = new MimeMessage();
            mime.From.Add(MailboxAddress.Parse(settings.From));
            mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
            mime.Subject = message.Subject;
            mime.Body = new TextPart("plain") { Text = message.Text };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.Auto,
            }, timeout.Token);
            if (settings.UserName.Length > 0)
                await smtp.AuthenticateAsync(settings.UserName, settings.Password, timeout.Token);
            await smtp.SendAsync(mime, timeout.Token);
            await smtp.DisconnectAsync(true, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not send mail \"{Subject}\" to {Address} through {Host}:{Port}", message.Subject, message.ToAddress, settings.Host, settings.Port);
            return false;
        }
    }
}
