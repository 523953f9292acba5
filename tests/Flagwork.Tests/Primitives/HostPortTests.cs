using Flagwork.Text;

namespace Flagwork.Tests.Primitives;

/// <summary>Listen addresses such as <c>--metrics-listen-address=0.0.0.0:9402</c> (reference §2.2).</summary>
public class HostPortTests
{
    private const string Expected = "must be host:port, e.g. 0.0.0.0:9402, [::1]:9402 or :9402";

    [Theory]
    [InlineData("0.0.0.0:9402", "0.0.0.0", 9402)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("255.255.255.255:65535", "255.255.255.255", 65535)]
    [InlineData("[::]:9402", "::", 9402)]
    [InlineData("[::1]:9402", "::1", 9402)]
    [InlineData("[2001:db8::1]:443", "2001:db8::1", 443)]
    [InlineData("[::ffff:127.0.0.1]:80", "::ffff:127.0.0.1", 80)]
    [InlineData("[fe80::1%eth0]:80", "fe80::1%eth0", 80)]
    [InlineData(":9402", "", 9402)]
    [InlineData(":0", "", 0)]
    [InlineData("localhost:9402", "localhost", 9402)]
    [InlineData("my-host.example:80", "my-host.example", 80)]
    [InlineData("My-Host.Example:80", "My-Host.Example", 80)]
    [InlineData("metrics.cert-manager.svc.cluster.local.:9402", "metrics.cert-manager.svc.cluster.local.", 9402)]
    [InlineData("0.0.0.0:00080", "0.0.0.0", 80)]
    public void AcceptsListenAddresses(string value, string host, int port)
    {
        Assert.True(HostPort.TryParse(value, out var parsedHost, out var parsedPort, out var error), error);
        Assert.Null(error);
        Assert.Equal(host, parsedHost);
        Assert.Equal(port, parsedPort);
        Assert.Null(HostPort.Check(value));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("0.0.0.0", "missing port")]
    [InlineData("localhost", "missing port")]
    [InlineData("0.0.0.0:", "missing port")]
    [InlineData(":", "missing port")]
    [InlineData("[::1]", "missing port")]
    [InlineData("[::1]:", "missing port")]
    [InlineData("::1:80", "an IPv6 address must be written in brackets")]
    [InlineData("::", "an IPv6 address must be written in brackets")]
    [InlineData("[::1", "missing ']' after an IPv6 address")]
    [InlineData("[::1]80", "unexpected text after ']'")]
    [InlineData("::1]:80", "an IPv6 address must be written in brackets")]
    [InlineData("a]:80", "unexpected '[' or ']'")]
    [InlineData("[1.2.3.4]:80", "\"1.2.3.4\" in brackets is not an IPv6 address")]
    [InlineData("[localhost]:80", "\"localhost\" in brackets is not an IPv6 address")]
    [InlineData("[]:80", "\"\" in brackets is not an IPv6 address")]
    [InlineData("[fe80::1%]:80", "\"fe80::1%\" in brackets is not an IPv6 address")]
    [InlineData("0.0.0.0:65536", "port \"65536\" is out of range 0-65535")]
    [InlineData("0.0.0.0:99999", "port \"99999\" is out of range 0-65535")]
    [InlineData("0.0.0.0:123456", "port \"123456\" is out of range 0-65535")]
    [InlineData("0.0.0.0:-1", "port \"-1\" is not a number")]
    [InlineData("0.0.0.0:+80", "port \"+80\" is not a number")]
    [InlineData("0.0.0.0:http", "port \"http\" is not a number")]
    [InlineData("0.0.0.0:9402x", "port \"9402x\" is not a number")]
    [InlineData("0.0.0.0:\u0669", "port \"\u0669\" is not a number")]
    [InlineData(" 0.0.0.0:9402", "must not contain spaces or control characters")]
    [InlineData("0.0.0.0:9402 ", "must not contain spaces or control characters")]
    [InlineData("0.0.0.0: 9402", "must not contain spaces or control characters")]
    [InlineData("my host:80", "must not contain spaces or control characters")]
    [InlineData("0.0.0.0:9402\n", "must not contain spaces or control characters")]
    [InlineData("256.0.0.1:80", "host \"256.0.0.1\" is not an IP address or a DNS name")]
    [InlineData("1.2.3:80", "host \"1.2.3\" is not an IP address or a DNS name")]
    [InlineData("1.2.3.4.5:80", "host \"1.2.3.4.5\" is not an IP address or a DNS name")]
    [InlineData("01.2.3.4:80", "host \"01.2.3.4\" is not an IP address or a DNS name")]
    [InlineData("1..2.3:80", "host \"1..2.3\" is not an IP address or a DNS name")]
    [InlineData("my_host:80", "host \"my_host\" is not an IP address or a DNS name")]
    [InlineData("-host:80", "host \"-host\" is not an IP address or a DNS name")]
    [InlineData("host-:80", "host \"host-\" is not an IP address or a DNS name")]
    [InlineData("a..b:80", "host \"a..b\" is not an IP address or a DNS name")]
    [InlineData(".:80", "host \".\" is not an IP address or a DNS name")]
    [InlineData("*:80", "host \"*\" is not an IP address or a DNS name")]
    [InlineData("h\u00F6st:80", "host \"h\u00F6st\" is not an IP address or a DNS name")]
    public void RejectsWithTheReasonAndWhatIsValid(string value, string reason)
    {
        Assert.False(HostPort.TryParse(value, out var host, out var port, out var error));
        Assert.Equal(reason + "; " + Expected, error);
        Assert.Equal("", host);
        Assert.Equal(0, port);
        Assert.Equal(error, HostPort.Check(value));
    }

    [Fact]
    public void RejectsAHostLabelLongerThan63Characters()
    {
        Assert.True(HostPort.TryParse(new string('a', 63) + ".example:80", out _, out _, out _));
        Assert.False(HostPort.TryParse(new string('a', 64) + ".example:80", out _, out _, out var error));
        Assert.EndsWith(Expected, error, StringComparison.Ordinal);
    }
}
