using System.Runtime.CompilerServices;
using Flagwork.Binding;
using Microsoft.Extensions.Configuration;

namespace Flagwork.Configuration;

/// <summary>
/// Binds an options object from <c>IConfiguration</c> through its generated code (no reflection binder). Value errors
/// (a bad duration, an unknown enum name) are kept beside the object, so the options validator reports them together
/// with the validation errors, each with its configuration key.
/// </summary>
public static class ConfigurationBinding
{
    private static readonly ConditionalWeakTable<object, BindingState> States = [];

    /// <summary>Binds <paramref name="configuration"/> onto <paramref name="target"/>; returns the errors found.</summary>
    public static ConfigErrors Bind<T>(T target, IConfiguration configuration) where T : class, IOptionsBinding<T>, new()
    {
        var state = States.GetValue(target, _ => new BindingState(new ValueSources(T.ValueCount), PathOf(configuration)));
        var errors = new ConfigErrors();
        T.BindConfiguration(target, configuration, new BindingContext(errors, state.Sources, state.PathPrefix));
        state.BindErrors.AddRange(errors);
        return errors;
    }

    /// <summary>Binds a fresh object and throws <see cref="ConfigurationException"/> with every error if any.</summary>
    public static T Get<T>(IConfiguration configuration) where T : class, IOptionsBinding<T>, new()
    {
        var target = new T();
        var errors = Bind(target, configuration);
        var state = States.GetValue(target, _ => new BindingState(new ValueSources(T.ValueCount), ""));
        T.Validate(target, new BindingContext(errors, state.Sources, state.PathPrefix));
        return errors.HasErrors ? throw new ConfigurationException(errors) : target;
    }

    /// <summary>Every binding error and validation error for an object bound by <see cref="Bind{T}"/>.</summary>
    public static ConfigErrors Validate<T>(T value) where T : class, IOptionsBinding<T>, new()
    {
        var errors = new ConfigErrors();
        if (States.TryGetValue(value, out var state))
        {
            errors.AddRange(state.BindErrors);
            T.Validate(value, new BindingContext(errors, state.Sources, state.PathPrefix));
        }
        else
        {
            T.Validate(value, new BindingContext(errors, new ValueSources(T.ValueCount)));
        }
        return errors;
    }

    private static string PathOf(IConfiguration configuration) =>
        configuration is IConfigurationSection section ? section.Path.Replace(':', '.') : "";

    private sealed class BindingState(ValueSources sources, string pathPrefix)
    {
        public ValueSources Sources { get; } = sources;

        public string PathPrefix { get; } = pathPrefix;

        public List<ConfigError> BindErrors { get; } = [];
    }
}
