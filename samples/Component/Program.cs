using Component;
using Component.Logging;
using Flagwork.CommandLine;
using Flagwork.Metrics.Server;
using Microsoft.Extensions.Logging;
using Prometheus;

var command = new CommandInfo(
    "component",
    "A cert-manager-like component: serves Prometheus metrics on /metrics, in plain HTTP, static TLS or dynamic TLS.");

// Started without any argument, the sample runs its built-in configuration (component.yaml): dynamic TLS on localhost.
var settings = args.Length == 0 ? new LoadSettings { DefaultConfig = BuiltInConfiguration.Load() } : null;

return await OptionsCommand.RunAsync<ComponentConfiguration>(args, command, settings: settings, run: async (loaded, cancellation) =>
{
    var configuration = loaded.Value;
    // Logs go to stderr (stdout is for --print-config and friends), Microsoft.* only from warnings up.
    var filters = new LoggerFilterOptions { MinLevel = LogLevel.Information };
    filters.Rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Warning, null));
    using var loggers = new LoggerFactory([new StderrLoggerProvider(TimeProvider.System)], filters);

    var registry = Metrics.NewCustomRegistry();
    ComponentMetrics.Register(registry, TimeProvider.System);

    var endpoint = new MetricsEndpoint
    {
        ListenAddress = configuration.MetricsListenAddress,
        Tls = configuration.MetricsTLSConfig,
        Registry = registry,
        LoggerFactory = loggers,
        DynamicSource = dynamic => DynamicTls.Create(configuration, dynamic, loggers),
    };
    await endpoint.RunAsync(cancellation).ConfigureAwait(false);
    return OptionsCommand.ExitOk;
});
