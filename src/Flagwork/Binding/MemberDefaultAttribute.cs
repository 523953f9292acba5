using System.ComponentModel;

namespace Flagwork.Binding;

/// <summary>
/// Written by the generator on each options class: a member's default as <c>--help</c> and the JSON Schema show it.
/// It lets an options class in another assembly, whose initializers the compiler cannot see, still report its defaults
/// when it is nested in a class generated elsewhere.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MemberDefaultAttribute(string property, string text, string? json) : Attribute
{
    public string Property { get; } = property;

    public string Text { get; } = text;

    public string? Json { get; } = json;
}
