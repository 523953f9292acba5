namespace Flagwork.Tests.Primitives;

/// <summary>Where a value came from, packed into 16 bytes.</summary>
public class ValueSourceTests
{
    [Fact]
    public void EveryKindKeepsItsNameLineAndColumn()
    {
        foreach (var kind in Enum.GetValues<ValueSourceKind>())
        {
            var source = new ValueSource(kind, "x", 123_456, 789);
            Assert.Equal(kind, source.Kind);
            Assert.Equal("x", source.Name);
            Assert.Equal(123_456, source.Line);
            Assert.Equal(789, source.Column);
        }
    }

    [Fact]
    public void RendersAsAnOperatorLooksForIt()
    {
        Assert.Equal("--metrics-listen-address", ValueSource.Flag("metrics-listen-address").ToString());
        Assert.Equal("$COMPONENT_CONFIG", ValueSource.Environment("COMPONENT_CONFIG").ToString());
        Assert.Equal("config.yaml:7:5", ValueSource.File("config.yaml", 7, 5).ToString());
        Assert.Equal("default", ValueSource.Default.ToString());
        Assert.True(ValueSource.Default.IsDefault);
    }

    [Fact]
    public void ALineBeyondThePackedRangeIsClampedWithoutChangingTheKind()
    {
        var source = ValueSource.File("huge.yaml", int.MaxValue, 1);
        Assert.Equal(ValueSourceKind.File, source.Kind);
        Assert.Equal((1 << 28) - 1, source.Line);
    }

    [Fact]
    public void EqualityComparesEveryPart()
    {
        Assert.Equal(ValueSource.File("a.yaml", 1, 2), ValueSource.File("a.yaml", 1, 2));
        Assert.NotEqual(ValueSource.File("a.yaml", 1, 2), ValueSource.File("a.yaml", 1, 3));
        Assert.NotEqual(ValueSource.File("a.yaml", 1, 2), ValueSource.File("b.yaml", 1, 2));
        Assert.NotEqual(ValueSource.Flag("x"), ValueSource.Environment("x"));
        Assert.True(ValueSource.Flag("x") == ValueSource.Flag("x"));
        Assert.Equal(ValueSource.Flag("x").GetHashCode(), ValueSource.Flag("x").GetHashCode());
    }

    [Fact]
    public void IsSixteenBytes() =>
        Assert.Equal(16, System.Runtime.CompilerServices.Unsafe.SizeOf<ValueSource>());
}
