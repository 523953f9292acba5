using System.Collections.Generic;
using System.Text;

namespace Flagwork.Generators;

/// <summary>A minimal ordered JSON tree for the schema emitter, printed with two-space indentation.</summary>
internal sealed class JsonObject
{
    private readonly List<KeyValuePair<string, object>> _properties = [];

    public JsonObject Add(string key, object value)
    {
        _properties.Add(new KeyValuePair<string, object>(key, value));
        return this;
    }

    public int Count => _properties.Count;

    public string ToJson()
    {
        var builder = new StringBuilder();
        Write(builder, this, 0);
        return builder.ToString();
    }

    /// <summary>A value written verbatim (numbers, booleans, pre-quoted defaults).</summary>
    public sealed class Raw(string json)
    {
        public string Json { get; } = json;
    }

    private static void Write(StringBuilder builder, object value, int depth)
    {
        switch (value)
        {
            case JsonObject obj:
                if (obj._properties.Count == 0)
                {
                    builder.Append("{}");
                    return;
                }
                builder.Append("{\n");
                for (var i = 0; i < obj._properties.Count; i++)
                {
                    builder.Append(' ', (depth + 1) * 2).Append(JsonText.Quote(obj._properties[i].Key)).Append(": ");
                    Write(builder, obj._properties[i].Value, depth + 1);
                    builder.Append(i + 1 < obj._properties.Count ? ",\n" : "\n");
                }
                builder.Append(' ', depth * 2).Append('}');
                return;
            case IList<object> list:
                if (list.Count == 0)
                {
                    builder.Append("[]");
                    return;
                }
                builder.Append("[\n");
                for (var i = 0; i < list.Count; i++)
                {
                    builder.Append(' ', (depth + 1) * 2);
                    Write(builder, list[i], depth + 1);
                    builder.Append(i + 1 < list.Count ? ",\n" : "\n");
                }
                builder.Append(' ', depth * 2).Append(']');
                return;
            case Raw raw:
                builder.Append(raw.Json);
                return;
            case bool b:
                builder.Append(b ? "true" : "false");
                return;
            case int n:
                builder.Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            default:
                builder.Append(JsonText.Quote(value.ToString()));
                return;
        }
    }
}
