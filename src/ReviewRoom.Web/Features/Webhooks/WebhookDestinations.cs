using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ReviewRoom.Core;
using ReviewRoom.Core.Integrations;

namespace ReviewRoom.Web.Features.Webhooks;

/// <summary>A receiver address ReviewRoom will not send to; the message is safe to show in the delivery log.</summary>
public sealed class WebhookDestinationException(string message) : Exception(message);

/// <summary>
/// Decides where webhooks may go, when a receiver is added and again at every connection, on the
/// address actually dialled: a name that resolved to a public address yesterday and to 127.0.0.1 today
/// is caught at connect time, and DNS cannot switch between the check and the connect.
/// </summary>
public sealed class WebhookDestinations(IOptionsMonitor<WebhookOptions> options)
{
    public const string InternalRefusal =
        "ReviewRoom does not send webhooks to internal addresses (loopback, private, link-local or reserved). "
        + "An operator can allow an on-premises receiver by name with the setting Webhooks:AllowedInternalHosts.";

    private bool IsAllowedByName(string host) =>
        options.CurrentValue.AllowedInternalHosts.Any(allowed => string.Equals(allowed.Trim().TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Refuses a receiver URL whose host is, or only resolves to, an internal address; checked when someone adds it.</summary>
    public async Task CheckReceiverAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = url.IdnHost;
        if (IsAllowedByName(host))
            return;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new DomainException($"The host '{host}' could not be found from this server. Check the address.");
        }
        if (addresses.Length == 0 || addresses.Any(a => !NetworkAddresses.IsPublic(a)))
            throw new DomainException(InternalRefusal);
    }

    /// <summary>Dials a receiver: resolves the name, refuses internal addresses unless the name is allowed, connects to what was checked.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allowedByName = IsAllowedByName(host);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new WebhookDestinationException("The receiver's host name could not be resolved.");
        }
        var allowed = addresses.Where(a => allowedByName || NetworkAddresses.IsPublic(a)).ToList();
        if (allowed.Count == 0 || (!allowedByName && allowed.Count != addresses.Length))
            throw new WebhookDestinationException(InternalRefusal);

        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }
        // Whether a port was closed, filtered or silent is not told: the log must not map anyone's network.
        throw new WebhookDestinationException("Could not connect to the receiver.");
    }
}
