using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Flagwork.Configuration;

/// <summary>Reads list-shaped values out of <c>IConfiguration</c>, where a list is children named 0, 1, 2…</summary>
public static class ConfigurationValues
{
    /// <summary>True when the section has indexed children; they are returned in index order.</summary>
    public static bool TryReadList(IConfigurationSection section, out List<string> values)
    {
        values = [];
        var items = new List<(int Index, string Value)>();
        foreach (var child in section.GetChildren())
        {
            if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && child.Value is { } value)
            {
                items.Add((index, value));
            }
        }
        if (items.Count == 0)
        {
            return false;
        }
        items.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (var (_, value) in items)
        {
            values.Add(value);
        }
        return true;
    }
}
