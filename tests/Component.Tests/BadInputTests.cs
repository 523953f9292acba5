using Xunit.Abstractions;

namespace Component.Tests;

/// <summary>How a bad-input row provides its config file.</summary>
public enum ConfigKind
{
    /// <summary>No config file: the row is about flags or environment variables only.</summary>
    None,

    /// <summary><see cref="BadInput.Text"/> written to <c>config</c> + the row's extension.</summary>
    Text,

    /// <summary>Random bytes with NULs in them, seeded so every run sees the same garbage.</summary>
    BinaryGarbage,

    /// <summary>A syntactically valid YAML file of 10 MB, generated in the temp directory.</summary>
    Huge,

    /// <summary>A directory named like a config file.</summary>
    Directory,

    /// <summary>A path in the temp directory where nothing exists.</summary>
    Missing,
}

/// <summary>
/// One row of the bad-input table: what the user gave (argv, a config file, environment variables) and the fragments
/// every reported error must contain. Serializable so each row is its own test case in the runner.
/// </summary>
public sealed class BadInput : IXunitSerializable
{
    public string Name { get; private set; } = "";

    public string[] Args { get; private set; } = [];

    public ConfigKind Config { get; private set; }

    public string Text { get; private set; } = "";

    public string Extension { get; private set; } = ".yaml";

    /// <summary><c>NAME=value</c> pairs.</summary>
    public string[] Environment { get; private set; } = [];

    public string[] Fragments { get; private set; } = [];

    [Obsolete("For the xunit serializer only.")]
    public BadInput()
    {
    }

    private BadInput(string name, string[] fragments) => (Name, Fragments) = (name, fragments);

    public static BadInput Flags(string name, string[] args, params string[] fragments) =>
        new(name, fragments) { Args = args };

    public static BadInput Env(string name, string variable, string value, params string[] fragments) =>
        new(name, fragments) { Environment = [variable + "=" + value] };

    public static BadInput File(string name, string extension, string text, params string[] fragments) =>
        new(name, fragments) { Config = ConfigKind.Text, Extension = extension, Text = text };

    public static BadInput Special(string name, ConfigKind config, string extension, params string[] fragments) =>
        new(name, fragments) { Config = config, Extension = extension };

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Name), Name);
        info.AddValue(nameof(Args), Args);
        info.AddValue(nameof(Config), Config.ToString());
        info.AddValue(nameof(Text), Text);
        info.AddValue(nameof(Extension), Extension);
        info.AddValue(nameof(Environment), Environment);
        info.AddValue(nameof(Fragments), Fragments);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        Name = info.GetValue<string>(nameof(Name));
        Args = info.GetValue<string[]>(nameof(Args));
        Config = Enum.Parse<ConfigKind>(info.GetValue<string>(nameof(Config)));
        Text = info.GetValue<string>(nameof(Text));
        Extension = info.GetValue<string>(nameof(Extension));
        Environment = info.GetValue<string[]>(nameof(Environment));
        Fragments = info.GetValue<string[]>(nameof(Fragments));
    }

    public override string ToString() => Name;
}

/// <summary>
/// The bad-input table: every way a user can get the command line, a config file or an environment variable wrong.
/// Each row must produce errors (never an exception, never silent success), and every error must name the path
/// and/or the source the row expects, so an operator can find the mistake from the message alone.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string Header = "apiVersion: component.flagwork.dev/v1alpha1\nkind: ComponentConfiguration\n";
    private const string Dynamic = Header + "metricsTLSConfig:\n  dynamic:\n";

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public BadInputTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    private static readonly BadInput[] Rows =
    [
        // Malformed YAML: the position of the mistake, and what YamlDotNet says about it.
        BadInput.File("yaml: unclosed flow list", ".yaml", Dynamic + "    dnsNames: [a.example, b.example\n    secretName: ca\n",
            "config.yaml:6:"),
        BadInput.File("yaml: tab indentation", ".yaml", Header + "metricsTLSConfig:\n\tminTLSVersion: VersionTLS12\n",
            "config.yaml:4:1", "tab"),
        BadInput.File("yaml: key: value: other", ".yaml", Header + "metricsListenAddress: value: other\n",
            "config.yaml:3:"),

        // Malformed JSON.
        BadInput.File("json: trailing comma", ".json", "{\n  \"apiVersion\": \"component.flagwork.dev/v1alpha1\",\n  \"kind\": \"ComponentConfiguration\",\n}\n",
            "config.json:4:1"),
        BadInput.File("json: single quotes", ".json", "{\n  'apiVersion': 'component.flagwork.dev/v1alpha1'\n}\n",
            "config.json:2:3"),
        BadInput.File("json: unterminated string", ".json", "{\n  \"metricsListenAddress\": \"0.0.0.0:9402\n}\n",
            "config.json:2:"),

        // Wrong types: the config path, the position of the value, what was expected.
        BadInput.File("dnsNames is a string", ".yaml", Dynamic + "    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: cert-manager-metrics\n",
            "metricsTLSConfig.dynamic.dnsNames", "config.yaml:7:15", "a list of strings"),
        BadInput.File("secretName is a number", ".yaml", Dynamic + "    secretNamespace: cert-manager\n    secretName: 123\n    dnsNames: [metrics]\n",
            "metricsTLSConfig.dynamic.secretName", "config.yaml:6:17", "quote it"),
        BadInput.File("metricsTLSConfig is nil", ".yaml", Header + "metricsTLSConfig: nil\n",
            "metricsTLSConfig", "config.yaml:3:19", "a mapping"),
        BadInput.File("cipherSuites is a mapping", ".yaml", Header + "metricsTLSConfig:\n  cipherSuites:\n    TLS_AES_128_GCM_SHA256: true\n",
            "metricsTLSConfig.cipherSuites", "config.yaml:5:5", "a list of strings"),

        // Unknown keys, with a suggestion.
        BadInput.File("unknown key with did-you-mean", ".yaml", Dynamic + "    dnsName: [metrics]\n",
            "metricsTLSConfig.dynamic.dnsName", "config.yaml:5:5", "did you mean \"dnsNames\"?"),
        BadInput.File("unknown top-level key", ".yaml", Header + "metricsPort: 9402\n",
            "metricsPort", "config.yaml:3:1", "unknown field", "metricsListenAddress"),

        // Duplicate keys: the second occurrence, pointing back at the first.
        BadInput.File("yaml: duplicate key", ".yaml", Header + "metricsListenAddress: 0.0.0.0:9402\nmetricsListenAddress: 127.0.0.1:9402\n",
            "config.yaml:4:1", "duplicate key \"metricsListenAddress\"", "line 3"),
        BadInput.File("json: duplicate key", ".json", "{\n  \"kind\": \"ComponentConfiguration\",\n  \"kind\": \"ComponentConfiguration\"\n}\n",
            "config.json:3:3", "duplicate key \"kind\"", "line 2"),

        // Durations.
        BadInput.File("duration: bare number", ".yaml", Dynamic + "    leafDuration: 24\n",
            "metricsTLSConfig.dynamic.leafDuration", "config.yaml:5:19", "needs a unit"),
        BadInput.Flags("duration: days from a flag", ["--metrics-dynamic-serving-leaf-duration=7d"],
            "metricsTLSConfig.dynamic.leafDuration", "\"7d\"", "--metrics-dynamic-serving-leaf-duration", "168h"),
        BadInput.File("duration: doubled unit", ".yaml", Dynamic + "    leafDuration: 1hh\n",
            "metricsTLSConfig.dynamic.leafDuration", "\"1hh\"", "config.yaml:5:19"),

        // Flags.
        BadInput.Flags("enum: unsupported TLS version", ["--metrics-tls-min-version=TLS12"],
            "metricsTLSConfig.minTLSVersion", "--metrics-tls-min-version", "\"VersionTLS12\"", "\"VersionTLS13\""),
        BadInput.Flags("csv: unbalanced quote", ["--metrics-dynamic-serving-dns-names=\"a,b"],
            "metricsTLSConfig.dynamic.dnsNames", "--metrics-dynamic-serving-dns-names", "quote"),
        BadInput.Flags("unknown flag with did-you-mean", ["--metrics-listen-adress=127.0.0.1:9402"],
            "--metrics-listen-adress", "did you mean --metrics-listen-address?"),
        BadInput.Flags("flag without its value", ["--metrics-listen-address=:9402", "--metrics-tls-cert-file"],
            "--metrics-tls-cert-file", "needs an argument"),
        BadInput.Flags("long flag with one dash", ["-metrics-listen-address=x"],
            "-metrics-listen-address=x", "two dashes"),
        BadInput.Flags("positional argument", ["serve"],
            "\"serve\"", "flags only"),
        BadInput.Flags("empty config path", ["--config="],
            "--config", "empty"),

        // The config file itself.
        BadInput.Special("config is a directory", ConfigKind.Directory, ".yaml",
            "config.yaml", "is a directory"),
        BadInput.Special("config file missing", ConfigKind.Missing, ".yaml",
            "config.yaml", "does not exist"),
        BadInput.Special("binary garbage", ConfigKind.BinaryGarbage, ".yaml",
            "config.yaml", "not a UTF-8 text file"),
        BadInput.Special("10 MB config file", ConfigKind.Huge, ".yaml",
            "config.yaml", "larger than the limit"),
        BadInput.File("empty file", ".yaml", "",
            "config.yaml", "empty"),
        BadInput.File("only comments", ".yaml", "# nothing here yet\n",
            "config.yaml", "empty"),
        BadInput.File("wrong extension", ".txt", Header,
            "config.txt", "\".txt\"", ".yaml, .yml or .json"),
        BadInput.File("top level is a list", ".yaml", "- metricsListenAddress: 0.0.0.0:9402\n",
            "config.yaml:1:1", "mapping"),

        // apiVersion and kind.
        BadInput.File("wrong apiVersion", ".yaml", "apiVersion: component.flagwork.dev/v1\nkind: ComponentConfiguration\n",
            "apiVersion", "config.yaml:1:13", "\"component.flagwork.dev/v1alpha1\""),
        BadInput.File("wrong kind", ".yaml", "apiVersion: component.flagwork.dev/v1alpha1\nkind: ControllerConfiguration\n",
            "kind", "config.yaml:2:7", "\"ComponentConfiguration\""),

        // Environment variables: the variable is the source.
        BadInput.Env("env: bad duration", "COMPONENT_METRICS_DYNAMIC_SERVING_LEAF_DURATION", "soon",
            "metricsTLSConfig.dynamic.leafDuration", "\"soon\"", "$COMPONENT_METRICS_DYNAMIC_SERVING_LEAF_DURATION"),
        BadInput.Env("env: bad TLS version", "COMPONENT_METRICS_TLS_MIN_VERSION", "1.3",
            "metricsTLSConfig.minTLSVersion", "$COMPONENT_METRICS_TLS_MIN_VERSION", "\"VersionTLS13\""),
        BadInput.Env("env: config file missing", "COMPONENT_CONFIG", "/nonexistent/component.yaml",
            "/nonexistent/component.yaml", "does not exist"),

        // Validation: the path of the offending value and where it came from.
        BadInput.File("invalid DNS name in the list", ".yaml", Dynamic + "    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: [ok.example, \"Bad_Name\"]\n",
            "metricsTLSConfig.dynamic.dnsNames[1]", "\"Bad_Name\"", "config.yaml:7:15"),
        BadInput.Flags("listen address without a host part", ["--metrics-listen-address=9402"],
            "metricsListenAddress", "\"9402\"", "--metrics-listen-address"),
        BadInput.File("both TLS modes", ".yaml", Header + "metricsTLSConfig:\n  filesystem:\n    certFile: /tls/tls.crt\n    keyFile: /tls/tls.key\n  dynamic:\n    secretNamespace: cert-manager\n    secretName: ca\n    dnsNames: [metrics]\n",
            "metricsTLSConfig", "cannot specify both filesystem based and dynamic TLS configuration",
            "filesystem from ", "config.yaml:5:15", "dynamic from ", "config.yaml:8:22"),
        BadInput.Flags("secret namespace with an underscore", ["--metrics-dynamic-serving-ca-secret-namespace=Not_A_Label", "--metrics-dynamic-serving-ca-secret-name=ca", "--metrics-dynamic-serving-dns-names=metrics"],
            "metricsTLSConfig.dynamic.secretNamespace", "\"Not_A_Label\"", "--metrics-dynamic-serving-ca-secret-namespace"),
        BadInput.Flags("dynamic with only a secret name", ["--metrics-dynamic-serving-ca-secret-name=ca"],
            "Required value: must be specified when using dynamic TLS config", "--metrics-dynamic-serving-ca-secret-name"),
    ];

    public static TheoryData<BadInput> Table => new(Rows);

    [Theory]
    [MemberData(nameof(Table))]
    public void IsReportedClearly(BadInput row)
    {
        var args = new List<string>();
        switch (row.Config)
        {
            case ConfigKind.Text:
                args.AddRange(["--config", _directory.File("config" + row.Extension, row.Text)]);
                break;
            case ConfigKind.BinaryGarbage:
                args.AddRange(["--config", _directory.File("config" + row.Extension, Garbage())]);
                break;
            case ConfigKind.Huge:
                args.AddRange(["--config", WriteHugeFile("config" + row.Extension)]);
                break;
            case ConfigKind.Directory:
                args.AddRange(["--config", _directory.Subdirectory("config" + row.Extension)]);
                break;
            case ConfigKind.Missing:
                args.AddRange(["--config", Path.Combine(_directory.Path, "config" + row.Extension)]);
                break;
        }
        args.AddRange(row.Args);
        var environment = row.Environment.Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

        var result = Loading.Load(args, environment);
        _output.WriteLine(Loading.Describe(result.Errors));

        Assert.False(result.Succeeded, $"\"{row.Name}\" was accepted");
        foreach (var error in result.Errors)
        {
            var text = error.ToString();
            foreach (var fragment in row.Fragments)
            {
                Assert.True(text.Contains(fragment, StringComparison.Ordinal),
                    $"\"{row.Name}\": an error lacks \"{fragment}\":\n{text}\nall errors:\n{Loading.Describe(result.Errors)}");
            }
        }
    }

    [Fact]
    public void TheTableHasARowForEveryKindOfMistake()
    {
        Assert.True(Rows.Length >= 25, $"{Rows.Length} rows");
        Assert.Equal(Rows.Length, Rows.Select(row => row.Name).Distinct().Count());
        Assert.All(Rows, row => Assert.NotEmpty(row.Fragments));
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[4096];
        new Random(20240611).NextBytes(bytes);
        bytes[0] = 0;
        bytes[100] = 0;
        return bytes;
    }

    /// <summary>A valid YAML file far past any sane config size: the reader must refuse it by size, not parse it.</summary>
    private string WriteHugeFile(string name)
    {
        var path = Path.Combine(_directory.Path, name);
        using var writer = new StreamWriter(path);
        writer.Write(Header);
        var line = "# " + new string('x', 1021) + "\n";
        for (var written = Header.Length; written < 10 * 1024 * 1024; written += line.Length)
        {
            writer.Write(line);
        }
        return path;
    }
}
