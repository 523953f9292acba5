using System.Net;
using System.Net.Sockets;

namespace Flagwork.Text;

/// <summary>
/// A listen address as Go's <c>net.Listen</c> takes it: <c>host:port</c> where the host is an IPv4 address, an IPv6
/// address in brackets, a DNS host name, or empty for every interface (<c>:9402</c>), and the port is 0–65535
/// (0 picks a free port).
/// </summary>
public static class HostPort
{
    private const string Expected = "must be host:port, e.g. 0.0.0.0:9402, [::1]:9402 or :9402";

    private static readonly System.Buffers.SearchValues<char> DigitsAndDots = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary>
    /// Splits and checks a listen address. <paramref name="host"/> comes back without brackets (<c>::1</c> for
    /// <c>[::1]:80</c>) and empty for <c>:80</c>. On failure <paramref name="error"/> says what is wrong and what
    /// would be valid, e.g. <c>missing port; must be host:port, e.g. 0.0.0.0:9402, [::1]:9402 or :9402</c>.
    /// </summary>
    public static bool TryParse(string value, out string host, out int port, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        host = string.Empty;
        port = 0;
        error = Validate(value, out var hostPart, out port);
        if (error is not null)
        {
            port = 0;
            return false;
        }
        host = hostPart.ToString();
        return true;
    }

    /// <summary>Returns <see langword="null"/> for a valid listen address, otherwise the error <see cref="TryParse"/> gives.</summary>
    public static string? Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Validate(value, out _, out _);
    }

    private static string? Validate(string value, out ReadOnlySpan<char> host, out int port)
    {
        host = default;
        port = 0;
        if (value.Length == 0)
        {
            return "must not be empty; " + Expected;
        }
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "must not contain spaces or control characters; " + Expected;
            }
        }

        var text = value.AsSpan();
        ReadOnlySpan<char> portText;
        if (text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return "missing ']' after an IPv6 address; " + Expected;
            }
            host = text[1..close];
            var afterBracket = text[(close + 1)..];
            if (afterBracket.IsEmpty)
            {
                return "missing port; " + Expected;
            }
            if (afterBracket[0] != ':')
            {
                return "unexpected text after ']'; " + Expected;
            }
            portText = afterBracket[1..];
            if (!IsIPv6(host))
            {
                return $"{ConfigError.Quote(host.ToString())} in brackets is not an IPv6 address; " + Expected;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                return "missing port; " + Expected;
            }
            host = text[..colon];
            portText = text[(colon + 1)..];
            if (host.Contains(':'))
            {
                return "an IPv6 address must be written in brackets; " + Expected;
            }
            if (host.ContainsAny('[', ']'))
            {
                return "unexpected '[' or ']'; " + Expected;
            }
            if (!host.IsEmpty && !IsIPv4(host) && !IsHostName(host))
            {
                return $"host {ConfigError.Quote(host.ToString())} is not an IP address or a DNS name; " + Expected;
            }
        }

        if (portText.IsEmpty)
        {
            return "missing port; " + Expected;
        }
        if (portText.Length > 5 || !IsDigits(portText))
        {
            return IsDigits(portText)
                ? $"port {ConfigError.Quote(portText.ToString())} is out of range 0-65535; " + Expected
                : $"port {ConfigError.Quote(portText.ToString())} is not a number; " + Expected;
        }
        port = int.Parse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        if (port > 65535)
        {
            return $"port {ConfigError.Quote(portText.ToString())} is out of range 0-65535; " + Expected;
        }
        return null;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>Four decimal parts of 0–255 without leading zeros (Go rejects <c>010.0.0.1</c> as ambiguous).</summary>
    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        var parts = 0;
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            if (++parts > 4 || part.IsEmpty || part.Length > 3 || !IsDigits(part) || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }
            if (int.Parse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }
        return parts == 4;
    }

    /// <summary>An IPv6 literal, optionally with a zone (<c>fe80::1%eth0</c>), as Go accepts inside brackets.</summary>
    private static bool IsIPv6(ReadOnlySpan<char> host)
    {
        var zone = host.IndexOf('%');
        var address = zone < 0 ? host : host[..zone];
        if (zone >= 0 && zone == host.Length - 1)
        {
            return false;
        }
        return address.Contains(':')
            && IPAddress.TryParse(address, out var parsed)
            && parsed.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// A DNS host name: labels of letters, digits and '-', not starting or ending with '-', at most 63 characters
    /// each and 253 in all; a trailing '.' (fully qualified) is allowed. Any case, since resolvers ignore it. A name
    /// made only of digits and dots must be an IPv4 address instead.
    /// </summary>
    private static bool IsHostName(ReadOnlySpan<char> host)
    {
        if (host[^1] == '.')
        {
            host = host[..^1];
        }
        if (host.IsEmpty || host.Length > DnsNames.MaxSubdomainLength || !host.ContainsAnyExcept(DigitsAndDots))
        {
            return false;
        }
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || label.Length > DnsNames.MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }
        return true;
    }
}
