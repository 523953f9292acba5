namespace Flagwork.Generators.Tests;

/// <summary>A named set of source files whose generated output is pinned by golden files and checked for caching.</summary>
internal sealed class Scenario
{
    private readonly Lazy<GeneratorRun> _run;

    public Scenario(string name, Func<IReadOnlyList<SourceFile>> sources)
    {
        Name = name;
        Sources = new Lazy<IReadOnlyList<SourceFile>>(sources);
        _run = new Lazy<GeneratorRun>(() => TestHelpers.Run(Sources.Value));
    }

    public string Name { get; }

    public Lazy<IReadOnlyList<SourceFile>> Sources { get; }

    /// <summary>The first run, shared by every test of the scenario (a run is immutable).</summary>
    public GeneratorRun Run => _run.Value;

    public override string ToString() => Name;
}

/// <summary>The scenarios every generator test walks: the flagship model, a model with every supported shape, and a minimal one.</summary>
internal static class Scenarios
{
    /// <summary>The model files of src/Flagwork.Metrics/Configuration, read from the repository so the scenario follows the real model.</summary>
    private static readonly string[] MetricsModelFiles =
    [
        "MetricsComponentConfig.cs",
        "MetricsTLSConfig.cs",
        "FilesystemServingConfig.cs",
        "DynamicServingConfig.cs",
        "TLSVersion.cs",
    ];

    public static readonly Scenario MetricsTLSConfig = new(nameof(MetricsTLSConfig), () =>
    [
        TestHelpers.ImplicitUsings,
        .. MetricsModelFiles.Select(name => new SourceFile(
            "Configuration/" + name,
            File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "Flagwork.Metrics", "Configuration", name)))),
    ]);

    public static readonly Scenario EverySupportedShape = new(nameof(EverySupportedShape), () =>
    [
        TestHelpers.ImplicitUsings,
        new("Everything/EverythingConfig.cs", EverythingConfigSource),
        new("Everything/NestedConfigs.cs", NestedConfigsSource),
        new("Everything/GlobalAndInternal.cs", GlobalAndInternalSource),
    ]);

    /// <summary>No implicit usings at all: generated code must not lean on any using of the consumer.</summary>
    public static readonly Scenario Minimal = new(nameof(Minimal), () =>
    [
        new("Minimal/MinimalConfig.cs", MinimalSource),
    ]);

    public static readonly IReadOnlyList<Scenario> All = [MetricsTLSConfig, EverySupportedShape, Minimal];

    public static Scenario ByName(string name) => All.Single(s => s.Name == name);

    public static TheoryData<string> Names => new(All.Select(s => s.Name));

    public const string EverythingConfigSource = """
        using Flagwork;

        namespace Sample.Everything;

        public enum Mode
        {
            Off,
            Auto,
            Always,
        }

        /// <summary>One member of every supported kind, each attribute, both rule kinds and a default of every kind.</summary>
        [Options(EnvPrefix = "EVERY", ApiVersion = "sample.flagwork.dev/v1", Kind = "EverythingConfig")]
        [Description("Every member shape Flagwork binds.")]
        public sealed partial class EverythingConfig
        {
            private const string Prefix = "every-";

            [Flag("name")]
            [Description("A required string with a constant default.")]
            [Required(Message = "a name is needed")]
            public string Name { get; set; } = Prefix + "thing";

            [Flag("verbose")]
            [Description("A bool that defaults to true.")]
            public bool Verbose { get; set; } = true;

            [Flag("dry-run")]
            [Description("A bool that defaults to false.")]
            public bool DryRun { get; set; }

            [Flag("workers")]
            [Description("An int.")]
            public int Workers { get; set; } = 4;

            [Flag("max-bytes")]
            [Description("A long beyond the range of an int.")]
            public long MaxBytes { get; set; } = 10_000_000_000L;

            [Flag("ratio")]
            [Description("A double.")]
            public double Ratio { get; set; } = 0.5;

            [Flag("timeout")]
            [Description("A duration.")]
            public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(90);

            [Flag("grace-period")]
            [Description("A duration that defaults to zero.")]
            public TimeSpan GracePeriod { get; set; } = TimeSpan.Zero;

            [Flag("mode")]
            [Description("An enum whose property has the name of its type.")]
            public Mode Mode { get; set; } = Mode.Auto;

            [Flag("fallback-mode")]
            [Description("A nullable enum without a default.")]
            public Mode? FallbackMode { get; set; }

            [Flag("tags")]
            [Description("A list of strings.")]
            public List<string> Tags { get; set; } = ["a", "b"];

            [Key("listen")]
            [Flag("listen-address")]
            [Description("A host:port under a key of its own.")]
            [HostPort]
            public string ListenAddress { get; set; } = "127.0.0.1:8080";

            [Flag("token")]
            [Description("A secret that is never printed.")]
            [Sensitive]
            public string Token { get; set; } = "";

            [Flag("ca-file")]
            [Description("A file path, resolved against the config file's directory.")]
            [FilePath]
            public string CaFile { get; set; } = "";

            [Flag("namespace")]
            [DnsLabel]
            public string Namespace { get; set; } = "default";

            [Flag("secret-name")]
            [DnsSubdomain]
            public string SecretName { get; set; } = "";

            [Flag("host")]
            [DnsName]
            public string Host { get; set; } = "";

            [Flag("dns-names")]
            [DnsName(AllowWildcard = true)]
            public List<string> DnsNames { get; set; } = [];

            [Flag("client-cert-file")]
            [FilePath, RequiredTogether("client", Message = "a client certificate needs its key")]
            public string ClientCertFile { get; set; } = "";

            [Flag("client-key-file")]
            [FilePath, Sensitive, RequiredTogether("client", Message = "a client certificate needs its key")]
            public string ClientKeyFile { get; set; } = "";

            [Flag("username")]
            [RequiredTogether("basic-auth")]
            public string Username { get; set; } = "";

            [Flag("password")]
            [Sensitive, MutuallyExclusive("credentials"), RequiredTogether("basic-auth")]
            public string Password { get; set; } = "";

            [Flag("password-file")]
            [FilePath, MutuallyExclusive("credentials")]
            public string PasswordFile { get; set; } = "";

            [Description("An options object with another one inside it.")]
            public OuterConfig Outer { get; set; } = new();

            /// <summary>Not a bound member: static.</summary>
            public static string Ignored { get; set; } = "";

            /// <summary>Methods are not members either; this one is edited by the cache tests.</summary>
            public override string ToString() => Name;
        }
        """;

    public const string NestedConfigsSource = """
        using Flagwork;

        namespace Sample.Everything;

        [Options]
        [Description("The first level of nesting.")]
        public sealed partial class OuterConfig
        {
            [Flag("outer-label")]
            [Description("A label of the outer object.")]
            public string Label { get; set; } = "outer";

            [Key("deep")]
            [Required(Message = "the inner object must be configured")]
            public InnerConfig Inner { get; set; } = new();
        }

        [Options]
        [Description("The second level of nesting.")]
        public sealed partial class InnerConfig
        {
            [Flag("inner-depth")]
            [Description("How deep.")]
            public int Depth { get; set; } = 3;

            [Description("A member with a key but no flag.")]
            public string Note { get; set; } = "";
        }
        """;

    public const string GlobalAndInternalSource = """
        [Flagwork.Options(EnvPrefix = "GLOBAL_APP")]
        public sealed partial class GlobalOptions
        {
            [Flagwork.Flag("global-level")]
            public int Level { get; set; } = 2;
        }

        namespace Sample.Everything.Internal
        {
            [Flagwork.Options]
            internal sealed partial class InternalOptions
            {
                [Flagwork.Flag("internal-mode")]
                public global::Sample.Everything.Mode Mode { get; set; } = global::Sample.Everything.Mode.Always;

                [Flagwork.Flag("internal-retries")]
                public long Retries { get; set; } = -1;
            }
        }
        """;

    public const string MinimalSource = """
        namespace Sample.Minimal;

        [Flagwork.Options]
        public partial class MinimalConfig
        {
            [Flagwork.Flag("address")]
            public string Address { get; set; } = "";
        }
        """;
}
