using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flagwork.Benchmarks.Server;

/// <summary>
/// A server started for a measurement: its output is drained (the last lines kept for a failure message), and it is
/// ended by its own process id, never by name. Disposing kills it and waits a bounded time for it to exit.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // The component reads COMPONENT_* variables; the measurement must see only its command line.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("COMPONENT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The last lines the server wrote, for a failure message.</summary>
    public string Output()
    {
        lock (_lines)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Console.Error.WriteLine($"process {_process.Id} did not exit within 10 s of being killed");
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
