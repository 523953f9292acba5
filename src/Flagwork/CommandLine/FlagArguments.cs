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
    /// <summary>
    /// Reads <paramref name="args"/> into <paramref name="tokens"/> (which holds at least one slot per argument) and
    /// returns how many it wrote. Arguments that are not flags go to <paramref name="arguments"/>, created on first
    /// use: the positional ones first (<paramref name="positionalCount"/> of them), then those after <c>--</c>.
    /// </summary>
    public static int Read<T>(IReadOnlyList<string> args, Span<FlagToken> tokens, ConfigErrors errors, ref List<string>? arguments, out int positionalCount)
        where T : class, IOptionsBinding<T>, new()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens.Length, args.Count, nameof(tokens));
        var count = 0;
        positionalCount = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                for (var j = i + 1; j < args.Count; j++)
                {
                    (arguments ??= []).Add(args[j]);
                }
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                (arguments ??= []).Add(arg);
                positionalCount++;
                continue;
            }
            if (arg[1] != '-')
            {
                if (ReadShorthand(arg, errors) is { } shorthand)
                {
                    tokens[count++] = shorthand;
                }
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var nameSpan = equals < 0 ? arg.AsSpan(2) : arg.AsSpan(2, equals - 2);
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
            FlagText value;
            if (equals >= 0)
            {
                value = new FlagText(arg, equals + 1);
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
            tokens[count++] = new FlagToken(name, index, builtIn, value);
        }
        return count;
    }

    private static FlagToken? ReadShorthand(string arg, ConfigErrors errors)
    {
        if (arg is "-h")
        {
            return new FlagToken("help", -1, BuiltInFlag.Help, "true");
        }
        var hint = arg.Length > 2 ? $"; long flags take two dashes: -{arg}" : "";
        errors.Add(new ConfigError("", $"unknown shorthand flag: '{arg[1]}' in {arg}{hint}"));
        return null;
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
