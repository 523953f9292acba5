using Flagwork.Binding;

namespace Flagwork.CommandLine;

/// <summary>
/// Splits argv into flag occurrences with pflag's rules: <c>--name=value</c> and <c>--name value</c>; a bool flag alone
/// means true and takes a value only after '='; <c>--</c> ends the flags; a value may itself start with '-';
/// unknown flags and missing values are errors (with a did-you-mean). Nothing is applied here: the loader applies the
/// tokens after the config file and the environment, so flags win.
/// </summary>
public static class FlagArguments
{
    public static List<FlagToken> Read<T>(IReadOnlyList<string> args, ConfigErrors errors, List<string> positional, List<string> afterDashes)
        where T : class, IOptionsBinding<T>, new()
    {
        var tokens = new List<FlagToken>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                for (var j = i + 1; j < args.Count; j++)
                {
                    afterDashes.Add(args[j]);
                }
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                positional.Add(arg);
                continue;
            }
            if (arg[1] != '-')
            {
                ReadShorthand(arg, tokens, errors);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var nameSpan = equals < 0 ? arg.AsSpan(2) : arg.AsSpan(2, equals - 2);
            string? inline = equals < 0 ? null : arg[(equals + 1)..];
            if (nameSpan.IsEmpty || nameSpan[0] == '-')
            {
                errors.Add(new ConfigError("", $"bad flag syntax: {arg}"));
                continue;
            }

            // The model's flags first (the common case), looked up on a slice of the argument; the name string kept
            // for sources and errors is the flag table's own, so a known flag costs no substring.
            var index = T.FindFlag(nameSpan);
            var builtIn = index < 0 ? BuiltIn(nameSpan) : BuiltInFlag.None;
            if (builtIn == BuiltInFlag.None && index < 0)
            {
                errors.Add(UnknownFlag<T>(nameSpan.ToString()));
                continue;
            }
            var name = index >= 0 ? T.Flags[index].Name : BuiltInName(builtIn);

            var isBool = builtIn is BuiltInFlag.Help or BuiltInFlag.PrintConfig or BuiltInFlag.PrintConfigSchema
                || index >= 0 && T.Flags[index].Kind == FlagKind.Bool;
            string value;
            if (inline is not null)
            {
                value = inline;
            }
            else if (isBool)
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                var path = index >= 0 ? T.Flags[index].ConfigPath : "";
                errors.Add(new ConfigError(path, "flag needs an argument", ValueSource.Flag(name)));
                continue;
            }
            tokens.Add(new FlagToken(name, index, builtIn, value));
        }
        return tokens;
    }

    private static void ReadShorthand(string arg, List<FlagToken> tokens, ConfigErrors errors)
    {
        if (arg is "-h")
        {
            tokens.Add(new FlagToken("help", -1, BuiltInFlag.Help, "true"));
            return;
        }
        var hint = arg.Length > 2 ? $"; long flags take two dashes: -{arg}" : "";
        errors.Add(new ConfigError("", $"unknown shorthand flag: '{arg[1]}' in {arg}{hint}"));
    }

    private static BuiltInFlag BuiltIn(ReadOnlySpan<char> name) => name switch
    {
        "config" => BuiltInFlag.Config,
        "help" => BuiltInFlag.Help,
        "print-config" => BuiltInFlag.PrintConfig,
        "print-config-schema" => BuiltInFlag.PrintConfigSchema,
        _ => BuiltInFlag.None,
    };

    private static string BuiltInName(BuiltInFlag flag) => flag switch
    {
        BuiltInFlag.Config => "config",
        BuiltInFlag.Help => "help",
        BuiltInFlag.PrintConfig => "print-config",
        _ => "print-config-schema",
    };

    private static ConfigError UnknownFlag<T>(string name) where T : class, IOptionsBinding<T>, new()
    {
        var candidates = T.Flags.Select(f => f.Name).Concat(["config", "help", "print-config", "print-config-schema"]);
        var suggestion = Text.Suggestions.Closest(name, candidates);
        var detail = suggestion is null
            ? $"unknown flag: --{name} (see --help for the flags)"
            : $"unknown flag: --{name} (did you mean --{suggestion}?)";
        return new ConfigError("", detail);
    }
}
