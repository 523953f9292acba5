using Flagwork.Benchmarks.Models;
using Microsoft.Extensions.Configuration;

namespace Flagwork.Benchmarks.SourceGenBinder;

/// <summary>
/// The same <c>Get&lt;T&gt;()</c> calls as the reflection peers make, compiled here where
/// <c>EnableConfigurationBindingGenerator</c> is on, so the binder's source generator intercepts them.
/// </summary>
public static class SourceGeneratedBinding
{
    public static MecFlagArguments BindFlags(IConfiguration configuration) =>
        configuration.Get<MecFlagArguments>() ?? new MecFlagArguments();

    public static PeerControllerConfiguration BindControllerConfiguration(IConfiguration configuration) =>
        configuration.Get<PeerControllerConfiguration>() ?? new PeerControllerConfiguration();
}
