namespace Flagwork;

/// <summary>Where a value came from, in the order of precedence (a later kind wins).</summary>
public enum ValueSourceKind : byte
{
    Default = 0,
    File,
    Configuration,
    Environment,
    Flag,
}

/// <summary>Where a value came from: a default, <c>config.yaml:7:5</c>, an environment variable, a flag or an
/// <c>IConfiguration</c> key. Rendered the way an operator would look for it.</summary>
/// <remarks>
/// Every loaded leaf keeps one, so it is packed into 16 bytes: the kind shares an int with the line (lines beyond
/// 2^28 are clamped, far past any config file Flagwork reads).
/// </remarks>
public readonly struct ValueSource : IEquatable<ValueSource>
{
    private const int KindShift = 28;
    private const int MaxLine = (1 << KindShift) - 1;

    private readonly int _kindAndLine;

    public ValueSource(ValueSourceKind kind, string? name = null, int line = 0, int column = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        _kindAndLine = ((int)kind << KindShift) | Math.Min(line, MaxLine);
        Name = name;
        Column = column;
    }

    public ValueSourceKind Kind => (ValueSourceKind)(_kindAndLine >>> KindShift);

    /// <summary>The flag name, variable, file path or configuration key; null for a default.</summary>
    public string? Name { get; }

    /// <summary>1-based line in a file; 0 when the source is not a file position.</summary>
    public int Line => _kindAndLine & MaxLine;

    /// <summary>1-based column in a file; 0 when the source is not a file position.</summary>
    public int Column { get; }

    public static ValueSource Default => default;

    public static ValueSource Flag(string flagName) => new(ValueSourceKind.Flag, flagName);

    public static ValueSource Environment(string variable) => new(ValueSourceKind.Environment, variable);

    public static ValueSource File(string path, int line, int column) => new(ValueSourceKind.File, path, line, column);

    public static ValueSource ConfigurationKey(string key) => new(ValueSourceKind.Configuration, key);

    public bool IsDefault => Kind == ValueSourceKind.Default;

    public override string ToString() => Kind switch
    {
        ValueSourceKind.Flag => "--" + Name,
        ValueSourceKind.Environment => "$" + Name,
        ValueSourceKind.File when Line > 0 => $"{Name}:{Line}:{Column}",
        ValueSourceKind.File => Name ?? "config file",
        ValueSourceKind.Configuration => "configuration key " + Name,
        _ => "default",
    };

    public bool Equals(ValueSource other) =>
        _kindAndLine == other._kindAndLine && Column == other.Column && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ValueSource other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_kindAndLine, Column, Name);

    public static bool operator ==(ValueSource left, ValueSource right) => left.Equals(right);

    public static bool operator !=(ValueSource left, ValueSource right) => !left.Equals(right);
}
