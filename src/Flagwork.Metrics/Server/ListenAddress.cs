using System.Net;
using Flagwork.Text;

namespace Flagwork.Metrics.Server;

/// <summary>
/// A parsed <c>host:port</c> listen address: <c>0.0.0.0:9402</c>, <c>127.0.0.1:0</c>, <c>[::]:9402</c>, <c>[::1]:9402</c>,
/// <c>:9402</c> (every interface, IPv6 and IPv4 as Go does) or <c>localhost:9402</c> (both loopbacks).
/// </summary>
public sealed record ListenAddress(string Text, ListenAddressKind Kind, IPAddress? Address, int Port)
{
    public static bool TryParse(string text, out ListenAddress address, out string? error)
    {
        address = null!;
        if (!HostPort.TryParse(text, out var host, out var port, out error))
        {
            return false;
        }
        if (host.Length == 0)
        {
            address = new ListenAddress(text, ListenAddressKind.AnyInterface, null, port);
            return true;
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = new ListenAddress(text, ListenAddressKind.Localhost, null, port);
            return true;
        }
        var bare = host.StartsWith('[') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var ip))
        {
            address = new ListenAddress(text, ListenAddressKind.Address, ip, port);
            return true;
        }
        error = $"host \"{host}\" is not an IP address or localhost; use an address such as 0.0.0.0:{port}, [::]:{port} or :{port}";
        return false;
    }

    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var error)
            ? address
            : throw new ArgumentException($"invalid listen address \"{text}\": {error}", nameof(text));

    public override string ToString() => Text;
}

public enum ListenAddressKind
{
    /// <summary>An empty host: every interface.</summary>
    AnyInterface,

    /// <summary>localhost: 127.0.0.1 and ::1.</summary>
    Localhost,

    /// <summary>One IP address (0.0.0.0 and [::] included).</summary>
    Address,
}
