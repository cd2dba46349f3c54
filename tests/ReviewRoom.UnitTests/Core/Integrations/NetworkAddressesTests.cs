using System.Net;
using ReviewRoom.Core.Integrations;

namespace ReviewRoom.UnitTests.Core.Integrations;

public class NetworkAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")] // cloud metadata over IPv6
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    public void IsPublic_InternalOrReservedAddress_IsFalse(string address)
    {
        Assert.False(NetworkAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    public void IsPublic_PublicAddress_IsTrue(string address)
    {
        Assert.True(NetworkAddresses.IsPublic(IPAddress.Parse(address)));
    }
}
