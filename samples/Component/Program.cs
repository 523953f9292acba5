using Component;
using Flagwork.CommandLine;

var command = new CommandInfo(
    "component",
    "A cert-manager-like component: serves Prometheus metrics on /metrics, in plain HTTP, static TLS or dynamic TLS.");

return await OptionsCommand.RunAsync<ComponentConfiguration>(args, command, async (loaded, cancellation) =>
{
    var configuration = loaded.Value;
    var mode = configuration.MetricsTLSConfig.Filesystem.CertFile.Length > 0 ? "static TLS"
        : configuration.MetricsTLSConfig.Dynamic.SecretName.Length > 0 ? "dynamic TLS"
        : "plain HTTP";
    await Console.Error.WriteLineAsync($"configuration is valid: metrics on {configuration.MetricsListenAddress} ({mode}); the metrics listener arrives with the listener issue").ConfigureAwait(false);
    return OptionsCommand.ExitOk;
});
