namespace Flagwork.Binding;

/// <summary>
/// The text a flag, an environment variable or an <c>IConfiguration</c> key gives a value, kept inside the string it
/// came in: <c>--name=value</c> is the tail of its argument, so parsing a number, a duration, an enum or a list from
/// it copies nothing, and only a member that keeps text (a string) pays for a string of its own.
/// </summary>
public readonly struct FlagText
{
    private readonly string? _source;
    private readonly int _start;

    /// <summary>The text from <paramref name="start"/> to the end of <paramref name="source"/>.</summary>
    public FlagText(string source, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start, (uint)source.Length, nameof(start));
        _source = source;
        _start = start;
    }

    public ReadOnlySpan<char> Span => _source.AsSpan(_start);

    public int Length => (_source?.Length ?? 0) - _start;

    /// <summary>The text as a string: the original string itself when the text is all of it.</summary>
    public override string ToString() => _source is null ? "" : _start == 0 ? _source : _source[_start..];

    public static implicit operator FlagText(string text) => new(text);
}
