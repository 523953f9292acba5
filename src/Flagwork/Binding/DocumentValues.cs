using Flagwork.Documents;

namespace Flagwork.Binding;

/// <summary>
/// Reads typed values out of config-file nodes, strictly: a scalar where a list or mapping is expected (or the reverse),
/// a number where a string is expected, a bare number for a duration, all are errors at the node's position.
/// A null value leaves the member at its default, as Kubernetes' decoder does.
/// </summary>
public static class DocumentValues
{
    public static bool TryReadMapping(ConfigNode node, string relativePath, BindingContext context, out ConfigMapping mapping)
    {
        if (node is ConfigMapping m)
        {
            mapping = m;
            return true;
        }
        mapping = null!;
        if (!IsNull(node))
        {
            context.AddError(Mismatch(context, relativePath, node, "a mapping of keys"));
        }
        return false;
    }

    public static bool TryReadString(ConfigNode node, string relativePath, BindingContext context, out string value)
    {
        value = "";
        if (IsNull(node))
        {
            return false;
        }
        if (node is ConfigScalar { Kind: ScalarKind.String } s)
        {
            value = s.Text;
            return true;
        }
        var hint = node is ConfigScalar scalar ? $"; quote it to use it as text: \"{scalar.Text}\"" : "";
        context.AddError(Mismatch(context, relativePath, node, "a string" + hint));
        return false;
    }

    public static bool TryReadBool(ConfigNode node, string relativePath, BindingContext context, out bool value)
    {
        value = false;
        if (IsNull(node))
        {
            return false;
        }
        if (node is ConfigScalar { Kind: ScalarKind.Boolean } s)
        {
            value = s.Text is "true" or "True" or "TRUE";
            return true;
        }
        context.AddError(Mismatch(context, relativePath, node, "a boolean: true or false"));
        return false;
    }

    /// <summary>Reads a number's text; the caller parses it with <see cref="TextValues"/> for its own type and range.</summary>
    public static bool TryReadNumberText(ConfigNode node, string relativePath, BindingContext context, out string text)
    {
        text = "";
        if (IsNull(node))
        {
            return false;
        }
        if (node is ConfigScalar { Kind: ScalarKind.Number } s)
        {
            text = s.Text;
            return true;
        }
        context.AddError(Mismatch(context, relativePath, node, "a number"));
        return false;
    }

    public static bool TryReadDuration(ConfigNode node, string relativePath, BindingContext context, out TimeSpan value)
    {
        value = default;
        if (IsNull(node))
        {
            return false;
        }
        if (node is ConfigScalar { Kind: ScalarKind.Number } number)
        {
            // cert-manager reads a bare number as nanoseconds, a known trap: we ask for a unit instead.
            context.AddError(ConfigError.Invalid(context.Path(relativePath), number.Text,
                "a duration needs a unit: write it as a string such as \"24h\", \"90m\" or \"30s\" (a bare number is not accepted)",
                node.Source));
            return false;
        }
        if (node is not ConfigScalar { Kind: ScalarKind.String } s)
        {
            context.AddError(Mismatch(context, relativePath, node, "a duration string such as \"168h\""));
            return false;
        }
        if (TextValues.TryParseDuration(s.Text, out value, out var error))
        {
            return true;
        }
        context.AddError(ConfigError.Invalid(context.Path(relativePath), s.Text, error!, node.Source));
        return false;
    }

    /// <summary>Reads a list of strings; element errors carry the index (<c>dnsNames[1]</c>).</summary>
    public static bool TryReadStringList(ConfigNode node, string relativePath, BindingContext context, out List<string> value)
    {
        value = [];
        if (IsNull(node))
        {
            return false;
        }
        if (node is not ConfigSequence sequence)
        {
            context.AddError(Mismatch(context, relativePath, node, "a list of strings"));
            return false;
        }
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            if (item is ConfigScalar { Kind: ScalarKind.String } s)
            {
                value.Add(s.Text);
                continue;
            }
            var hint = item is ConfigScalar scalar && scalar.Kind != ScalarKind.Null ? $"; quote it to use it as text: \"{scalar.Text}\"" : "";
            context.AddError(Mismatch(context, $"{relativePath}[{i}]", item, "a string" + hint));
            ok = false;
        }
        return ok;
    }

    /// <summary>Reads an enum name's text; the generated code matches it case-insensitively.</summary>
    public static bool TryReadEnumText(ConfigNode node, string relativePath, BindingContext context, out string text) =>
        TryReadString(node, relativePath, context, out text);

    /// <summary>A key the bound object does not declare.</summary>
    public static void UnknownKey(ConfigEntry entry, string parentRelativePath, IReadOnlyList<string> validKeys, BindingContext context)
    {
        var relative = parentRelativePath.Length == 0 ? entry.Key : parentRelativePath + "." + entry.Key;
        var suggestion = Text.Suggestions.Closest(entry.Key, validKeys);
        var detail = suggestion is null
            ? $"unknown field; valid keys here: {string.Join(", ", validKeys)}"
            : $"unknown field; did you mean \"{suggestion}\"? valid keys here: {string.Join(", ", validKeys)}";
        context.AddError(new ConfigError(context.Path(relative), detail, ValueSource.File(entry.Value.File, entry.KeyLine, entry.KeyColumn)));
    }

    /// <summary>Checks <c>apiVersion</c> or <c>kind</c> when the model declares one.</summary>
    public static void CheckFixedString(ConfigEntry entry, string expected, BindingContext context)
    {
        if (!TryReadString(entry.Value, entry.Key, context, out var actual))
        {
            return;
        }
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            context.AddError(ConfigError.Invalid(context.Path(entry.Key), actual, $"must be \"{expected}\"", entry.Value.Source));
        }
    }

    private static bool IsNull(ConfigNode node) => node is ConfigScalar { Kind: ScalarKind.Null };

    private static ConfigError Mismatch(BindingContext context, string relativePath, ConfigNode node, string expected) =>
        new(context.Path(relativePath), $"Invalid type: expected {expected}, found {node.Describe()}", node.Source);
}
