using System.Runtime.InteropServices;
using Flagwork.Binding;

namespace Flagwork.CommandLine;

/// <summary>
/// The command-line contract of a Flagwork component: <c>--help</c> (exit 0), <c>--print-config</c> (exit 0, or 2 with
/// the errors), <c>--print-config-schema</c> (exit 0); configuration errors are printed one per line on stderr with
/// exit code 2 and no stack trace; the run delegate's failures exit 1; SIGTERM/SIGINT cancel the run for a graceful
/// shutdown (a second signal exits 130 at once).
/// </summary>
public static class OptionsCommand
{
    public const int ExitOk = 0;
    public const int ExitRuntimeFailure = 1;
    public const int ExitConfigurationError = 2;
    public const int ExitInterruptedTwice = 130;

    public static async Task<int> RunAsync<T>(
        string[] args,
        CommandInfo command,
        Func<LoadResult<T>, CancellationToken, Task<int>> run,
        LoadSettings? settings = null,
        TextWriter? stdout = null,
        TextWriter? stderr = null)
        where T : class, IOptionsBinding<T>, new()
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var result = OptionsLoader.Load<T>(args, settings);
        if (result.Action == CommandAction.Help)
        {
            await stdout.WriteAsync(HelpText<T>(command)).ConfigureAwait(false);
            return ExitOk;
        }
        if (result.Action == CommandAction.PrintConfigSchema && !result.Errors.HasErrors)
        {
            await stdout.WriteLineAsync(T.JsonSchema).ConfigureAwait(false);
            return ExitOk;
        }
        if (result.Errors.HasErrors)
        {
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync("error: " + error).ConfigureAwait(false);
            }
            return ExitConfigurationError;
        }
        if (result.Action == CommandAction.PrintConfig)
        {
            var writer = new ConfigWriter();
            T.WriteConfig(result.Value, writer);
            await stdout.WriteAsync(writer.ToString()).ConfigureAwait(false);
            return ExitOk;
        }

        using var shutdown = new ShutdownSignals();
        try
        {
            return await run(result, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return ExitOk;
        }
#pragma warning disable CA1031 // A runtime failure is reported in one line and exit code 1, as the contract says.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync("error: " + exception.Message).ConfigureAwait(false);
            return ExitRuntimeFailure;
        }
    }

    /// <summary>The full <c>--help</c> output: description, usage line, then the generated flag table.</summary>
    public static string HelpText<T>(CommandInfo command) where T : class, IOptionsBinding<T>, new()
    {
        var text = new System.Text.StringBuilder();
        if (command.Description.Length > 0)
        {
            text.Append(command.Description).Append("\n\n");
        }
        text.Append("Usage:\n  ").Append(command.Name).Append(" [flags]\n\nFlags:\n").Append(T.FlagUsages);
        if (T.EnvironmentPrefix.Length > 0)
        {
            text.Append("\nEvery flag can also be set by the environment variable shown in brackets.\n")
                .Append("Precedence: flag > environment variable > config file > default.\n");
        }
        return text.ToString();
    }

    /// <summary>Turns the first SIGTERM/SIGINT into a cancellation; the second exits at once with 130.</summary>
    private sealed class ShutdownSignals : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private readonly PosixSignalRegistration[] _registrations;

        public ShutdownSignals()
        {
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            ];
        }

        public CancellationToken Token => _cancellation.Token;

        private void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (_cancellation.IsCancellationRequested)
            {
                Environment.Exit(ExitInterruptedTwice);
            }
            _cancellation.Cancel();
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
            _cancellation.Dispose();
        }
    }
}

/// <summary>The command's name and one-paragraph description for <c>--help</c>.</summary>
public sealed record CommandInfo(string Name, string Description = "");
