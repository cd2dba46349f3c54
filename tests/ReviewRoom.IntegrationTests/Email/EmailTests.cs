using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using netDumbster.smtp;
using ReviewRoom.Core.Notifications;
using ReviewRoom.Core.Projects;
using ReviewRoom.Core.Time;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Admin;
using ReviewRoom.Web.Features.Members;
using ReviewRoom.Web.Features.Notes.Services;
using ReviewRoom.Web.Features.Notifications;

namespace ReviewRoom.IntegrationTests.Email;

/// <summary>A running app whose mail goes to a real SMTP server inside the test.</summary>
public sealed class MailingAppFixture : IDisposable
{
    public MailingAppFixture()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            SmtpPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Smtp = SimpleSmtpServer.Start(SmtpPort);
        App = new ReviewRoomAppFactory(settings: new()
        {
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = SmtpPort.ToString(),
            ["Email:Security"] = "None",
            ["Email:From"] = "ReviewRoom <review@studio.test>",
            ["Email:DigestCheckInterval"] = "00:00:00.200",
            ["Site:PublicUrl"] = "https://review.studio.test",
        });
        BaseAddress = App.StartOnFreePort();
    }

    public int SmtpPort { get; }
    public SimpleSmtpServer Smtp { get; }
    public ReviewRoomAppFactory App { get; }
    public Uri BaseAddress { get; }

    /// <summary>The mail that reached the server for an address, parsed as a mail client would.</summary>
    public async Task<MimeMessage> MailToAsync(string address)
    {
        MimeMessage? found = null;
        await Eventually.UntilAsync(() =>
        {
            var raw = Smtp.ReceivedEmail.LastOrDefault(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (raw is null)
                return false;
            found = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw.Data)));
            return true;
        }, $"mail to {address}");
        return found!;
    }

    public int CountTo(string address) =>
        Smtp.ReceivedEmail.Count(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)));

    public void Dispose()
    {
        App.Dispose();
        Smtp.Dispose();
    }
}

public sealed class EmailTests(MailingAppFixture fixture) : IClassFixture<MailingAppFixture>
{
    private Scenario Given => new(fixture.App.Services);

    [Fact]
    public async Task Invitation_IsEmailedWithItsLink_WhichWorks()
    {
        var (projectId, _, director) = await Given.ProjectAsync();
        var to = $"sam-{Guid.NewGuid():N}@studio.test";

        var invitation = await fixture.App.Services.GetRequiredService<MemberCommands>().InviteAsync(director.Principal, projectId, ProjectRole.Writer, "Sam",
            TimeSpan.FromDays(7), singleUse: true, new Uri("https://review.studio.test/"), to);
        var mail = await fixture.MailToAsync(to);

        Assert.True(invitation.Mailed);
        Assert.StartsWith("Dana Director invited you to review Film ", mail.Subject);
        Assert.Contains(invitation.Link, mail.TextBody);
        Assert.StartsWith("https://review.studio.test/invite/inv_", invitation.Link);
        Assert.Contains("as Writer", mail.TextBody);
        Assert.Equal("review@studio.test", mail.From.Mailboxes.Single().Address);
        var bad = await Assert.ThrowsAsync<ReviewRoom.Core.DomainException>(() => fixture.App.Services.GetRequiredService<MemberCommands>().InviteAsync(
            director.Principal, projectId, ProjectRole.Writer, "", TimeSpan.FromDays(1), true, new Uri("https://review.studio.test/"), "not an address\r\nBcc: x@y.z"));
        Assert.Contains("email address", bad.Message);
    }

    [Fact]
    public async Task PasswordLink_IsEmailedToTheAccountsOwnAddress()
    {
        var person = await Given.PersonAsync("Pat Reset");
        using var scope = fixture.App.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var link = "https://review.studio.test" + await admin.ResetPasswordLinkAsync(AdminActor.CommandLine, person.UserId);

        Assert.True(await admin.EmailPasswordLinkAsync(AdminActor.CommandLine, person.UserId, link, newAccount: false));
        var mail = await fixture.MailToAsync(person.Email);

        Assert.Equal("Choose a new ReviewRoom password", mail.Subject);
        Assert.Contains(link, mail.TextBody);
        Assert.Equal("Pat Reset", mail.To.Mailboxes.Single().Name);
    }

    [Fact]
    public async Task Digest_AsTheyHappen_MailsTheEntryWithItsLink_HourlyWaits_AndReadEntriesAreNeverMailed()
    {
        var (projectId, shotId, director) = await Given.ProjectAsync();
        var now = await Given.MemberAsync(projectId, director, "Nia Now", ProjectRole.Writer);
        var later = await Given.MemberAsync(projectId, director, "Hal Hourly", ProjectRole.Writer);
        var commands = fixture.App.Services.GetRequiredService<NotificationCommands>();
        await commands.SetEmailDigestAsync(now.Principal, EmailDigest.Immediately);
        await commands.SetEmailDigestAsync(later.Principal, EmailDigest.Hourly);
        var takeId = await Given.TakeAsync(projectId, shotId);

        await fixture.App.Services.GetRequiredService<NoteCommands>().AddAsync(director.Principal, takeId, FrameRange.At(48), "@Nia Now and @Hal Hourly: *grade* is off", null);
        var mail = await fixture.MailToAsync(now.Email);

        Assert.StartsWith("ReviewRoom: Dana Director mentioned you on SH010 v001", mail.Subject);
        Assert.Contains($"https://review.studio.test/takes/{takeId}?frame=48", mail.TextBody);
        Assert.Contains("grade is off", mail.TextBody);
        Assert.Contains("https://review.studio.test/inbox", mail.TextBody);
        // The hourly person's entry is waiting, not sent; once read in the app it is never mailed.
        var hourly = await fixture.App.Services.GetRequiredService<ReviewRoom.Data.Queries.NotificationQueries>().GetInboxAsync(later.UserId);
        Assert.Equal(0, fixture.CountTo(later.Email));
        await commands.MarkAllReadAsync(later.Principal);
        await fixture.App.Services.GetServices<IHostedService>().OfType<ReviewRoom.Web.Features.Email.DigestSender>().Single().SendDueAsync(CancellationToken.None);
        Assert.Equal(0, fixture.CountTo(later.Email));
        Assert.NotEmpty(hourly);
        Assert.Equal(1, fixture.CountTo(now.Email));
    }
}
