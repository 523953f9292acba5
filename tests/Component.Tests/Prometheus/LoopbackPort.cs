using System.Net;
using System.Net.Sockets;

namespace Component.Tests.Prometheus;

internal static class LoopbackPort
{
    /// <summary>
    /// <paramref name="count"/> distinct TCP ports that were free on 127.0.0.1 a moment ago: the kernel picks each for a
    /// socket bound to port 0; all sockets stay open until every port is chosen (so none repeats), then close so the
    /// processes under test can bind them. Another process could take one in between; that is rare on a test machine,
    /// and would show as a clear bind error in the output of the process that lost.
    /// </summary>
    public static int[] Reserve(int count)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }
            return sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
