using Flagwork.Binding;
using Microsoft.Extensions.Options;

namespace Flagwork.Configuration;

/// <summary>
/// <c>IValidateOptions</c> running the generated validation (and reporting binding errors) for options bound with the
/// generated <c>OptionsBuilder.Bind</c>, so <c>ValidateOnStart()</c> fails startup with every error and its path.
/// </summary>
public sealed class OptionsValidator<T> : IValidateOptions<T> where T : class, IOptionsBinding<T>, new()
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = ConfigurationBinding.Validate(options);
        return errors.HasErrors
            ? ValidateOptionsResult.Fail(errors.Select(e => e.ToString()))
            : ValidateOptionsResult.Success;
    }
}
