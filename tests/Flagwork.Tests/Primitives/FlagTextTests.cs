using Flagwork.Binding;

namespace Flagwork.Tests.Primitives;

/// <summary>A flag's value text, kept inside the argument it came in.</summary>
public class FlagTextTests
{
    [Fact]
    public void AllOfAStringIsThatString()
    {
        var argument = "cert-manager";
        FlagText text = argument;
        Assert.Same(argument, text.ToString());
        Assert.Equal(12, text.Length);
    }

    [Fact]
    public void TheTailOfAnArgumentIsItsValue()
    {
        var text = new FlagText("--name=x=y", 7);
        Assert.Equal("x=y", text.ToString());
        Assert.True(text.Span.SequenceEqual("x=y"));
        Assert.Equal(3, text.Length);
    }

    [Fact]
    public void AnEmptyTailAndTheDefaultAreEmpty()
    {
        Assert.Equal("", new FlagText("--name=", 7).ToString());
        Assert.Equal("", default(FlagText).ToString());
        Assert.Equal(0, default(FlagText).Length);
        Assert.True(default(FlagText).Span.IsEmpty);
    }

    [Fact]
    public void AStartPastTheEndIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlagText("abc", 4));

    [Fact]
    public void ASingleListElementThatIsTheWholeTextIsTheTextsOwnString()
    {
        var argument = "example.com";
        List<string> values = [];
        Assert.True(TextValues.TryAppendList(argument, values, out _));
        Assert.Same(argument, Assert.Single(values));
    }
}
