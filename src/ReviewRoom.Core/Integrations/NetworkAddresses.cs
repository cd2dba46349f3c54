using System.Net;
using System.Net.Sockets;

namespace ReviewRoom.Core.Integrations;

/// <summary>
/// Which addresses are the public internet. Webhooks go only there unless an operator names a host:
/// a receiver URL that leads to loopback, a private network, link-local (cloud metadata lives at
/// 169.254.169.254) or any other special range would let a project member reach inside the server's network.
/// </summary>
public static class NetworkAddresses
{
    private static readonly (IPAddress Network, int Bits)[] SpecialV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8), (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8), (IPAddress.Parse("169.254.0.0"), 16), (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24), (IPAddress.Parse("192.0.2.0"), 24), (IPAddress.Parse("192.88.99.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16), (IPAddress.Parse("198.18.0.0"), 15), (IPAddress.Parse("198.51.100.0"), 24),
        (IPAddress.Parse("203.0.113.0"), 24), (IPAddress.Parse("224.0.0.0"), 4), (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int Bits)[] SpecialV6 =
    [
        (IPAddress.Parse("::"), 128), (IPAddress.Parse("::1"), 128), (IPAddress.Parse("100::"), 64),
        (IPAddress.Parse("2001::"), 23), (IPAddress.Parse("2001:db8::"), 32), (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10), (IPAddress.Parse("fec0::"), 10), (IPAddress.Parse("ff00::"), 8),
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (EmbeddedV4(address) is { } inner)
                return IsPublic(inner);
            return !SpecialV6.Any(range => InRange(address, range.Network, range.Bits));
        }
        return address.AddressFamily == AddressFamily.InterNetwork && !SpecialV4.Any(range => InRange(address, range.Network, range.Bits));
    }

    /// <summary>IPv4 addresses carried inside IPv6 ones (mapped, compatible, NAT64, 6to4), which reach the same machines.</summary>
    private static IPAddress? EmbeddedV4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (bytes.Take(12).All(b => b == 0) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0))
            return new IPAddress(bytes[12..16]);
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b)
            return new IPAddress(bytes[12..16]);
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
            return new IPAddress(bytes[2..6]);
        return null;
    }

    private static bool InRange(IPAddress address, IPAddress network, int bits)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length)
            return false;
        var whole = bits / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(n.AsSpan(0, whole)))
            return false;
        var rest = bits % 8;
        if (rest == 0)
            return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[whole] & mask) == (n[whole] & mask);
    }
}
