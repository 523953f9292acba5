using System.Buffers;
using Flagwork.Binding;
using Flagwork.Documents;

namespace Flagwork.CommandLine;

/// <summary>
/// Builds the effective options from every source, field by field, with precedence
/// flag &gt; environment variable &gt; config file &gt; default, then validates. Errors are collected, never thrown.
/// </summary>
public static class OptionsLoader
{
    public static LoadResult<T> Load<T>(IReadOnlyList<string> args, LoadSettings? settings = null)
        where T : class, IOptionsBinding<T>, new()
    {
        ArgumentNullException.ThrowIfNull(args);
        // Tokens live in a pooled buffer (one slot per argument at most): a load allocates what it returns, and the
        // strings and lists the model keeps.
        var buffer = ArrayPool<FlagToken>.Shared.Rent(args.Count);
        try
        {
            return Load<T>(args, buffer.AsSpan(0, args.Count), settings ?? new LoadSettings());
        }
        finally
        {
            ArrayPool<FlagToken>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static LoadResult<T> Load<T>(IReadOnlyList<string> args, Span<FlagToken> buffer, LoadSettings settings)
        where T : class, IOptionsBinding<T>, new()
    {
        var errors = new ConfigErrors();
        List<string>? arguments = null;
        var tokens = buffer[..FlagArguments.Read<T>(args, buffer, errors, ref arguments, out var positionalCount)];
        if (!settings.AllowPositionalArguments && positionalCount > 0)
        {
            errors.Add(new ConfigError("", $"unexpected argument \"{arguments![0]}\": this command takes flags only (see --help)"));
        }

        var action = CommandAction.Run;
        string? configFile = null;
        ValueSource configSource = default;
        foreach (ref readonly var token in tokens)
        {
            switch (token.BuiltIn)
            {
                case BuiltInFlag.Config:
                    configFile = token.Value.ToString();
                    configSource = ValueSource.Flag(token.Name);
                    break;
                case BuiltInFlag.Help when IsTrue(token, errors):
                    action = CommandAction.Help;
                    break;
                case BuiltInFlag.PrintConfig when IsTrue(token, errors) && action != CommandAction.Help:
                    action = CommandAction.PrintConfig;
                    break;
                case BuiltInFlag.PrintConfigSchema when IsTrue(token, errors) && action != CommandAction.Help:
                    action = CommandAction.PrintConfigSchema;
                    break;
            }
        }

        if (configFile is null && ConfigVariable<T>.Name is { Length: > 0 } variable)
        {
            configFile = settings.Environment.Get(variable);
            configSource = ValueSource.Environment(variable);
        }

        var target = new T();
        var sources = new ValueSources(T.ValueCount);
        var context = new BindingContext(errors, sources);
        if (action is CommandAction.Run or CommandAction.PrintConfig)
        {
            if (configFile is null && settings.DefaultConfig is { } builtIn)
            {
                BindDefault(target, builtIn, context);
            }
            else
            {
                BindFile(target, configFile, configSource, context);
            }
            BindEnvironment(target, settings.Environment, context);
            foreach (ref readonly var token in tokens)
            {
                if (token.FlagIndex >= 0)
                {
                    T.ApplyFlag(target, token.FlagIndex, token.Value, ValueSource.Flag(token.Name), context);
                }
            }
            Validate(target, context);
        }
        return new LoadResult<T>(target, sources, errors, action, configFile, arguments ?? (IReadOnlyList<string>)[]);
    }

    /// <summary>
    /// Validates even after binding errors, so one run reports everything (a misspelt key also shows the required
    /// value it left missing), but drops a validation error about a path that already has a binding error.
    /// </summary>
    private static void Validate<T>(T target, BindingContext context) where T : class, IOptionsBinding<T>, new()
    {
        if (!context.Errors.HasErrors)
        {
            T.Validate(target, context);
            return;
        }
        var validation = new ConfigErrors();
        T.Validate(target, new BindingContext(validation, context.Sources, context.PathPrefix));
        var reported = context.Errors.Select(e => e.Path).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var error in validation)
        {
            var repeats = reported.Any(path =>
                error.Path == path
                || error.Path.StartsWith(path + "[", StringComparison.Ordinal)
                || error.Path.StartsWith(path + ".", StringComparison.Ordinal)
                || path.StartsWith(error.Path + "[", StringComparison.Ordinal)); // a bad element left its whole list unset
            if (!repeats)
            {
                context.AddError(error);
            }
        }
    }

    private static void BindDefault<T>(T target, DefaultConfig builtIn, BindingContext context)
        where T : class, IOptionsBinding<T>, new()
    {
        var document = ConfigDocumentReader.Parse(builtIn.Text, builtIn.Name, builtIn.Format, context.Errors);
        if (document is null)
        {
            return;
        }
        context.ConfigDirectory = Directory.GetCurrentDirectory();
        T.BindDocument(target, document, context);
        context.ConfigDirectory = null;
    }

    private static void BindFile<T>(T target, string? configFile, ValueSource configSource, BindingContext context)
        where T : class, IOptionsBinding<T>, new()
    {
        if (string.IsNullOrEmpty(configFile))
        {
            if (configFile is not null)
            {
                context.AddError(new ConfigError("", "config file path is empty", configSource));
            }
            return;
        }
        var before = context.Errors.Count;
        var document = ConfigDocumentReader.ReadFile(configFile, context.Errors);
        if (document is null)
        {
            // A file that cannot be read at all: say which flag or variable named it.
            var fileErrors = context.Errors.Skip(before).ToList();
            foreach (var error in fileErrors.Where(e => e.Source is { Kind: ValueSourceKind.File, Line: 0 }))
            {
                context.Errors.Replace(error, error with { Message = $"{error.Message} (named by {configSource})" });
            }
            return;
        }
        context.ConfigDirectory = Path.GetDirectoryName(Path.GetFullPath(configFile));
        T.BindDocument(target, document, context);
        context.ConfigDirectory = null;
    }

    private static void BindEnvironment<T>(T target, IEnvironment environment, BindingContext context)
        where T : class, IOptionsBinding<T>, new()
    {
        var flags = T.Flags;
        for (var i = 0; i < flags.Count; i++)
        {
            var variable = flags[i].EnvironmentVariable;
            if (variable.Length > 0 && environment.Get(variable) is { } text)
            {
                T.ApplyFlag(target, i, text, ValueSource.Environment(variable), context);
            }
        }
    }

    private static bool IsTrue(in FlagToken token, ConfigErrors errors)
    {
        if (TextValues.TryParseBool(token.Value.Span, out var value, out var error))
        {
            return value;
        }
        errors.Add(ConfigError.Invalid("", token.Value.ToString(), error!, ValueSource.Flag(token.Name)));
        return false;
    }

    /// <summary>The variable that names the config file, <c>PREFIX_CONFIG</c>; empty for a model without a prefix.</summary>
    private static class ConfigVariable<T> where T : class, IOptionsBinding<T>, new()
    {
        public static readonly string Name = T.EnvironmentPrefix.Length > 0 ? T.EnvironmentPrefix + "_CONFIG" : "";
    }
}
