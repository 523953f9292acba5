using System.Diagnostics;
using System.Text;

namespace Component.Tests.Prometheus;

/// <summary>
/// A long-running child process (the component serving, a Prometheus server) whose stdout and stderr are kept for
/// failure messages. Dispose kills it and every process it started, by its PID, and waits a bounded time for the exit.
/// </summary>
internal sealed class RunningProcess : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    private RunningProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public static RunningProcess Start(string name, string fileName, IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The component must see only its flags, not a COMPONENT_* variable of the environment running the tests.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("COMPONENT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        var process = new Process { StartInfo = start };
        var running = new RunningProcess(name, process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"could not start {fileName}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>The sample component (<c>component.dll</c> next to the test assembly) under the dotnet host running the tests.</summary>
    public static RunningProcess StartComponent(string name, string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(ComponentProcess.AssemblyPath), $"{ComponentProcess.AssemblyPath} is missing; the ProjectReference to samples/Component should copy it");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        return Start(name, host, [ComponentProcess.AssemblyPath, .. args], workingDirectory);
    }

    public string Describe() => $"--- {Name} (pid {_process.Id}{(HasExited ? $", exited with {_process.ExitCode}" : ", running")}) ---\n{Output}";

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit(ExitTimeout);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lock)
        {
            _output.AppendLine(line);
        }
    }
}
