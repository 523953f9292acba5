using Flagwork.Tls.Dynamic;

namespace Flagwork.Tls.Tests.Dynamic;

/// <summary>
/// AU3, cert-manager's <c>Test__caRequiresRegeneration</c> table, against <see cref="CaSecretData.RegenerationReason"/>,
/// then the cases where we deliberately differ (a previous CA kept in <c>ca.crt</c>).
/// </summary>
public sealed class CaSecretDataTests
{
    private static readonly DateTimeOffset Now = Fixtures.Clock().GetUtcNow();

    // The reference's fixture: valid for 5 minutes from now.
    private static readonly CaPem Fresh = Fixtures.Ca(Now, Now.AddMinutes(5));

    [Theory]
    [InlineData("nil data", CaSecretData.MissingData)]
    [InlineData("missing ca.crt", CaSecretData.MissingData)]
    [InlineData("ca ≠ tls", CaSecretData.DifferentData)]
    [InlineData("unparsable", CaSecretData.FailedToParse)]
    [InlineData("not CA", CaSecretData.NotACa)]
    [InlineData("JUST nearing expiry", CaSecretData.NearingExpiry)]
    [InlineData("ALMOST nearing expiry", null)]
    [InlineData("expired", CaSecretData.NearingExpiry)]
    [InlineData("ok", null)]
    public void AU3_CaRequiresRegeneration(string @case, string? expected) =>
        Assert.Equal(expected, CaSecretData.RegenerationReason(Au3Data(@case), Now));

    private static Dictionary<string, byte[]>? Au3Data(string @case) => @case switch
    {
        "nil data" => null,
        "missing ca.crt" => Fixtures.Data(("tls.key", Fresh.PrivateKey)),
        "ca ≠ tls" => Fixtures.Data(("tls.crt", "data1"), ("ca.crt", "data2"), ("tls.key", "secret")),
        "unparsable" => Fixtures.Data(("tls.crt", "cert"), ("ca.crt", "cert"), ("tls.key", "secret")),
        "not CA" => Fixtures.Ca(Now, Now.AddMinutes(5), isCa: false).SecretData(),
        // NotBefore now-2h01m, lifetime 3h: 59 minutes left, less than a third.
        "JUST nearing expiry" => Lifetime3h(Now - new TimeSpan(2, 1, 0)).SecretData(),
        // NotBefore now-1h59m, lifetime 3h: 1 hour 1 minute left, not yet.
        "ALMOST nearing expiry" => Lifetime3h(Now - new TimeSpan(1, 59, 0)).SecretData(),
        "expired" => Fixtures.Ca(Now.AddHours(-1), Now.AddMinutes(-1)).SecretData(),
        "ok" => Fresh.SecretData(),
        _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, "no such AU3 case"),
    };

    [Fact]
    public void TheReasonStringsAreCertManagersWordForWord()
    {
        Assert.Equal("Missing data in CA secret.", CaSecretData.MissingData);
        Assert.Equal("Different data in ca.crt and tls.crt.", CaSecretData.DifferentData);
        Assert.Equal("Failed to parse data in CA secret.", CaSecretData.FailedToParse);
        Assert.Equal("Stored certificate is not marked as a CA.", CaSecretData.NotACa);
        Assert.Equal("CA certificate is nearing expiry.", CaSecretData.NearingExpiry);
    }

    [Theory]
    [InlineData("ca.crt")]
    [InlineData("tls.crt")]
    [InlineData("tls.key")]
    public void AnEmptyValueIsMissingData(string emptied)
    {
        var data = Fresh.SecretData();
        data[emptied] = [];
        Assert.Equal(CaSecretData.MissingData, CaSecretData.RegenerationReason(data, Now));
    }

    [Fact]
    public void AKeyThatIsNotTheCertificatesFailsToParse()
    {
        var data = Fresh.SecretData();
        data["tls.key"] = Fixtures.Data(("k", Fixtures.Ca(Now, Now.AddMinutes(5)).PrivateKey))["k"];
        Assert.Equal(CaSecretData.FailedToParse, CaSecretData.RegenerationReason(data, Now));
    }

    // Our difference: ca.crt may hold the current CA followed by the previous one, for trust continuity.
    [Fact]
    public void CaCrtHoldingTheCurrentCaThenThePreviousIsValid()
    {
        var previous = Fixtures.Ca(Now.AddDays(-300), Now.AddDays(65));
        var data = Fresh.SecretData();
        data["ca.crt"] = Fixtures.Data(("b", Fresh.Certificate + previous.Certificate))["b"];

        Assert.Null(CaSecretData.RegenerationReason(data, Now));
        var kept = Assert.Single(CaSecretData.PreviousAuthorities(data));
        Assert.Equal(previous.Load().Thumbprint, kept.Thumbprint);
    }

    [Fact]
    public void CaCrtHoldingThePreviousCaFirstIsDifferentData()
    {
        var previous = Fixtures.Ca(Now.AddDays(-300), Now.AddDays(65));
        var data = Fresh.SecretData();
        data["ca.crt"] = Fixtures.Data(("b", previous.Certificate + Fresh.Certificate))["b"];

        Assert.Equal(CaSecretData.DifferentData, CaSecretData.RegenerationReason(data, Now));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")]
    public void CaCrtHoldingTheCurrentCaThenAnythingButCertificatesIsDifferentData(string tail)
    {
        var data = Fresh.SecretData();
        data["ca.crt"] = Fixtures.Data(("b", Fresh.Certificate + tail))["b"];

        Assert.Equal(CaSecretData.DifferentData, CaSecretData.RegenerationReason(data, Now));
    }

    [Fact]
    public void CaCrtHoldingTheCurrentCaThenAPrivateKeyIsDifferentData()
    {
        var data = Fresh.SecretData();
        data["ca.crt"] = Fixtures.Data(("b", Fresh.Certificate + Fresh.PrivateKey))["b"];

        Assert.Equal(CaSecretData.DifferentData, CaSecretData.RegenerationReason(data, Now));
    }

    [Fact]
    public void AnOperatorSeededRsaCaIsAccepted()
    {
        var data = Fixtures.SharedRsaCa.SecretData();
        Assert.Null(CaSecretData.RegenerationReason(data, Now));
    }

    private static CaPem Lifetime3h(DateTimeOffset notBefore) => Fixtures.Ca(notBefore, notBefore.AddHours(3));
}
