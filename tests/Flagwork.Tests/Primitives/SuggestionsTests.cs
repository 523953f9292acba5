using Flagwork.Text;

namespace Flagwork.Tests.Primitives;

/// <summary>"Did you mean …?" for unknown flags and config keys.</summary>
public class SuggestionsTests
{
    private static readonly string[] Flags =
    [
        "config",
        "kubeconfig",
        "metrics-listen-address",
        "metrics-tls-cert-file",
        "metrics-tls-private-key-file",
        "metrics-dynamic-serving-ca-secret-namespace",
        "metrics-dynamic-serving-ca-secret-name",
        "metrics-dynamic-serving-dns-names",
        "metrics-dynamic-serving-leaf-duration",
    ];

    [Theory]
    [InlineData("metrics-listen-adress", "metrics-listen-address")]
    [InlineData("metrics-tls-cert-files", "metrics-tls-cert-file")]
    [InlineData("metrics-dynamic-serving-dns-name", "metrics-dynamic-serving-dns-names")]
    [InlineData("confg", "config")]
    [InlineData("cnofig", "config")]
    [InlineData("CONFIG", "config")]
    [InlineData("Metrics-Listen-Address", "metrics-listen-address")]
    [InlineData("kubeconfg", "kubeconfig")]
    [InlineData("metrics-dynamic-serving-ca-secret-nam", "metrics-dynamic-serving-ca-secret-name")]
    public void SuggestsTheClosestName(string input, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(input, Flags));

    [Fact]
    public void SuggestsACandidateThatStartsWithTheInput() =>
        // 10 edits away, but a prefix: what someone who stopped typing early meant.
        Assert.Equal("metrics-listen-address", Suggestions.Closest("metrics-list", Flags));

    [Fact]
    public void SuggestsACandidateTheInputStartsWith() =>
        Assert.Equal("kubeconfig", Suggestions.Closest("kubeconfig-file-path", Flags));

    [Theory]
    [InlineData("xyz")]
    [InlineData("verbose")]
    [InlineData("listen-address-of-metrics")]
    [InlineData("")]
    public void SuggestsNothingWhenNothingIsClose(string input) => Assert.Null(Suggestions.Closest(input, Flags));

    [Fact]
    public void SuggestsNothingFromNoCandidates() => Assert.Null(Suggestions.Closest("config", []));

    [Fact]
    public void TheAllowedDistanceGrowsWithTheInput()
    {
        // max(2, length / 3): 3 edits are allowed for 9 to 11 characters, 2 below that.
        Assert.Equal("abcdefghi", Suggestions.Closest("abcxyzghi", ["abcdefghi"]));
        Assert.Null(Suggestions.Closest("abcxyzgh", ["abcdefgh"]));
        Assert.Equal("abcdef", Suggestions.Closest("abxyef", ["abcdef"]));
        Assert.Null(Suggestions.Closest("axyzef", ["abcdef"]));
    }

    [Fact]
    public void PrefersTheSmallestDistanceThenTheFirstCandidate()
    {
        Assert.Equal("certFile", Suggestions.Closest("certfile", ["certFiles", "certFile"]));
        Assert.Equal("ac", Suggestions.Closest("ab", ["ac", "ad"]));
        Assert.Equal("ad", Suggestions.Closest("ab", ["ad", "ac"]));
    }

    [Fact]
    public void SkipsEmptyCandidates() => Assert.Equal("ab", Suggestions.Closest("a", ["", "ab"]));

    [Fact]
    public void HandlesLongNames()
    {
        var longName = new string('a', 400);
        Assert.Equal(longName, Suggestions.Closest(longName + "b", [longName]));
    }
}
