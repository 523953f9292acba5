namespace Flagwork.Metrics.Tests;

public enum Color
{
    Red,
    Green,
    Blue,
}

/// <summary>A model with every supported member type, to test flag and file semantics beyond the flagship model.</summary>
[Options(EnvPrefix = "SINK")]
public sealed partial class KitchenSinkOptions
{
    [Flag("name")] public string Name { get; set; } = "default-name";

    [Flag("verbose")] public bool Verbose { get; set; }

    [Flag("enabled")] public bool Enabled { get; set; } = true;

    [Flag("count")] public int Count { get; set; } = 3;

    [Flag("big")] public long Big { get; set; }

    [Flag("ratio")] public double Ratio { get; set; } = 0.5;

    [Flag("timeout")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    [Flag("color")] public Color Color { get; set; } = Color.Green;

    [Flag("accent")] public Color? Accent { get; set; }

    [Flag("tags")] public List<string> Tags { get; set; } = ["x", "y"];

    [Flag("token"), Sensitive] public string Token { get; set; } = "";
}
