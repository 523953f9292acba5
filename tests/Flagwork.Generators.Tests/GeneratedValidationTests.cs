using System.Reflection;
using System.Runtime.Loader;
using Flagwork.Binding;

namespace Flagwork.Generators.Tests;

/// <summary>
/// How mutually-exclusive and required-together groups of one object combine, checked by running the generated
/// validation of the <see cref="Scenarios.EverySupportedShape"/> model. (Behaviour of the flagship model is tested where
/// it is compiled for real; this pins the rule the emitter encodes.) EverythingConfig has the groups
/// credentials = {password, passwordFile} (exclusive), basic-auth = {username, password} and
/// client = {clientCertFile, clientKeyFile} (together).
/// </summary>
public sealed class GeneratedValidationTests
{
    private static readonly Lazy<Type> s_everythingConfig = new(() =>
    {
        var run = Scenarios.EverySupportedShape.Run;
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, TestHelpers.Describe(emitted.Diagnostics));
        image.Position = 0;
        var assembly = new AssemblyLoadContext("Flagwork.Generators.Tests.Generated", isCollectible: true).LoadFromStream(image);
        return assembly.GetType("Sample.Everything.EverythingConfig", throwOnError: true)!;
    });

    [Fact]
    public void AViolatedExclusiveGroupSkipsOnlyTheRequiredTogetherGroupsOfItsMembers()
    {
        var errors = Validate(("Password", "p"), ("PasswordFile", "/p"), ("ClientCertFile", "/cert"));

        // basic-auth (it shares password) is skipped; client is unrelated and still reported.
        Assert.Equal(["", "clientKeyFile"], errors.Select(e => e.Path));
        Assert.Contains("only one of these may be specified", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARequiredTogetherGroupThatSharesAnExclusiveMemberIsCheckedWhenTheExclusiveGroupHolds()
    {
        var errors = Validate(("Password", "p"));

        Assert.Equal(["username"], errors.Select(e => e.Path));
    }

    [Fact]
    public void AValidModelHasNoErrors()
    {
        Assert.Empty(Validate(("Username", "u"), ("Password", "p"), ("ClientCertFile", "/cert"), ("ClientKeyFile", "/key")));
    }

    private static List<ConfigError> Validate(params (string Property, string Value)[] values)
    {
        var type = s_everythingConfig.Value;
        var config = Activator.CreateInstance(type)!;
        foreach (var (property, value) in values)
        {
            type.GetProperty(property)!.SetValue(config, value);
        }
        var count = (int)type.GetProperty("ValueCount", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var context = new BindingContext(new ConfigErrors(), new ValueSources(count));

        type.GetMethod("Validate", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [config, context]);

        return [.. context.Errors];
    }
}
