using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flagwork.Generators.Model;

namespace Flagwork.Generators;

internal static partial class Emitter
{
    /// <summary>pflag's flag table: sorted by name, <c>--name type</c>, usage aligned in one column, the default when it
    /// is not the zero value, then the environment variable.</summary>
    private static string EmitHelp(OptionsSpec spec)
    {
        var rows = new List<(string Name, string Left, string Usage)>();
        var configVariable = spec.EnvironmentPrefix.Length > 0 ? $" [${spec.EnvironmentPrefix}_CONFIG]" : "";
        rows.Add(("config", "      --config string", "Path to a YAML (.yaml, .yml) or JSON (.json) config file; flags and environment variables override it" + configVariable));
        rows.Add(("help", "  -h, --help", "Show this help and exit"));
        rows.Add(("print-config", "      --print-config", "Print the effective configuration as YAML and exit (2 if it is invalid)"));
        rows.Add(("print-config-schema", "      --print-config-schema", "Print the JSON Schema of the config file and exit"));
        foreach (var leaf in spec.FlagLeaves)
        {
            var type = FlagTypeName(leaf.Kind);
            var left = "      --" + leaf.Flag + (type.Length > 0 ? " " + type : "");
            var usage = leaf.Description;
            if (leaf.EnumNames.Count > 0 && !leaf.EnumNames.All(n => usage.Contains(n)))
            {
                usage += (usage.Length > 0 ? " " : "") + "(one of " + string.Join(", ", leaf.EnumNames) + ")";
            }
            if (leaf.DefaultText.Length > 0)
            {
                usage += " (default " + leaf.DefaultText + ")";
            }
            usage += " [$" + leaf.EnvironmentVariable + "]";
            rows.Add((leaf.Flag!, left, usage));
        }
        var width = rows.Max(r => r.Left.Length);
        var text = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            text.Append(row.Left).Append(' ', width - row.Left.Length + 3).Append(row.Usage).Append('\n');
        }

        var w = Begin(spec);
        w.RawStringAssignment("public static string FlagUsages => ", text.ToString() + "\n");
        return End(spec, w);
    }
}
