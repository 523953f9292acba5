namespace Flagwork.Generators;

/// <summary>Names of the pipeline steps, so tests can assert that an unrelated edit leaves every step cached.</summary>
public static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Specs = nameof(Specs);
    public const string Diagnostics = nameof(Diagnostics);
}
