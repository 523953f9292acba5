using Flagwork.Text;

namespace Flagwork.Tests.Primitives;

/// <summary>Kubernetes' DNS-1123 rules (apimachinery validation tests) with their wording.</summary>
public class DnsNamesTests
{
    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end " +
        "with an alphanumeric character (e.g. 'my-name', or '123-abc')";

    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start " +
        "and end with an alphanumeric character (e.g. 'example.com')";

    private const string WildcardMessage =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of " +
        "lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com')";

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("a1")]
    [InlineData("a-1")]
    [InlineData("a--1--2--b")]
    [InlineData("0")]
    [InlineData("01")]
    [InlineData("012")]
    [InlineData("1a")]
    [InlineData("1-a")]
    [InlineData("1--a--b--2")]
    [InlineData("cert-manager")]
    public void AcceptsLabels(string value) => Assert.Null(DnsNames.CheckLabel(value));

    [Fact]
    public void AcceptsALabelOfExactly63Characters() => Assert.Null(DnsNames.CheckLabel(new string('a', 63)));

    [Theory]
    [InlineData("A")]
    [InlineData("ABC")]
    [InlineData("aBc")]
    [InlineData("A1")]
    [InlineData("A-1")]
    [InlineData("1-A")]
    [InlineData("-")]
    [InlineData("a-")]
    [InlineData("-a")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("_")]
    [InlineData("a_")]
    [InlineData("_a")]
    [InlineData("a_b")]
    [InlineData(".")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("a.b")]
    [InlineData(" ")]
    [InlineData("a ")]
    [InlineData(" a")]
    [InlineData("a b")]
    [InlineData("\u00E4")]
    [InlineData("*")]
    public void RejectsBadLabelsSayingWhatIsValid(string value) => Assert.Equal(LabelMessage, DnsNames.CheckLabel(value));

    [Fact]
    public void RejectsALabelOf64Characters() =>
        Assert.Equal("must be no more than 63 characters", DnsNames.CheckLabel(new string('a', 64)));

    [Fact]
    public void ReportsEveryBrokenRuleOfALabel() =>
        Assert.Equal("must be no more than 63 characters; " + LabelMessage, DnsNames.CheckLabel(new string('A', 64)));

    [Fact]
    public void EmptyIsNotAName()
    {
        Assert.Equal("must not be empty", DnsNames.CheckLabel(""));
        Assert.Equal("must not be empty", DnsNames.CheckSubdomain(""));
        Assert.Equal("must not be empty", DnsNames.CheckDnsName("", allowWildcard: false));
        Assert.Equal("must not be empty", DnsNames.CheckDnsName("", allowWildcard: true));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a.b")]
    [InlineData("a.b.c")]
    [InlineData("1.2.3.4")]
    [InlineData("a-1.b-2")]
    [InlineData("0.a")]
    [InlineData("example.com")]
    [InlineData("cert-manager-metrics.cert-manager.svc")]
    [InlineData("cert-manager-metrics.cert-manager.svc.cluster.local")]
    public void AcceptsSubdomains(string value)
    {
        Assert.Null(DnsNames.CheckSubdomain(value));
        Assert.Null(DnsNames.CheckDnsName(value, allowWildcard: false));
        Assert.Null(DnsNames.CheckDnsName(value, allowWildcard: true));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("Example.com")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("a..b")]
    [InlineData("-a.b")]
    [InlineData("a-.b")]
    [InlineData("a.-b")]
    [InlineData("a.b-")]
    [InlineData("a_b.c")]
    [InlineData("a b.c")]
    [InlineData("a.b ")]
    [InlineData("*.example.com")]
    [InlineData("http://example.com")]
    [InlineData("example.com:443")]
    public void RejectsBadSubdomainsSayingWhatIsValid(string value)
    {
        Assert.Equal(SubdomainMessage, DnsNames.CheckSubdomain(value));
        Assert.Equal(SubdomainMessage, DnsNames.CheckDnsName(value, allowWildcard: false));
    }

    [Fact]
    public void SubdomainLengthLimitsAreOverallAndPerLabel()
    {
        var label63 = new string('a', 63);
        var longest = $"{label63}.{label63}.{label63}.{new string('b', 61)}"; // 253 characters
        Assert.Equal(253, longest.Length);
        Assert.Null(DnsNames.CheckSubdomain(longest));
        Assert.Equal("must be no more than 253 characters", DnsNames.CheckSubdomain(longest + "b"));
        Assert.Equal(
            "each label (the parts between dots) must be no more than 63 characters",
            DnsNames.CheckSubdomain(new string('a', 64) + ".com"));
    }

    [Theory]
    [InlineData("*.example.com")]
    [InlineData("*.a")]
    [InlineData("*.cert-manager.svc")]
    public void AcceptsALeadingWildcardWhenAllowed(string value) =>
        Assert.Null(DnsNames.CheckDnsName(value, allowWildcard: true));

    [Theory]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("a.*.com")]
    [InlineData("*a.example.com")]
    [InlineData("**.example.com")]
    [InlineData("*.*.example.com")]
    [InlineData("*.Example.com")]
    [InlineData("*.-a.com")]
    [InlineData("example.*")]
    public void RejectsOtherWildcardsWithTheWildcardMessage(string value) =>
        Assert.Equal(WildcardMessage, DnsNames.CheckDnsName(value, allowWildcard: true));

    [Fact]
    public void AnInvalidNameWhereWildcardsAreAllowedMentionsThem() =>
        Assert.Equal(
            SubdomainMessage + "; a wildcard is allowed only as the whole first label (e.g. '*.example.com')",
            DnsNames.CheckDnsName("Example.com", allowWildcard: true));

    [Fact]
    public void AWildcardNameMayNotExceedTheSubdomainLimits()
    {
        var tooLong = "*." + string.Join('.', Enumerable.Repeat(new string('a', 63), 4)); // 2 + 255
        Assert.StartsWith("must be no more than 253 characters", DnsNames.CheckDnsName(tooLong, allowWildcard: true), StringComparison.Ordinal);
        Assert.Equal(
            "each label (the parts between dots) must be no more than 63 characters",
            DnsNames.CheckDnsName("*." + new string('a', 64) + ".com", allowWildcard: true));
    }
}
