using System.Text;
using Flagwork.Documents;
using static Flagwork.Tests.Documents.DocumentAssert;

namespace Flagwork.Tests.Documents;

/// <summary><see cref="ConfigDocumentReader.ReadFile"/>: real files in a temporary directory.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static ConfigMapping Reads(string path)
    {
        var errors = new ConfigErrors();
        var document = ConfigDocumentReader.ReadFile(path, errors);
        Assert.True(errors.Count == 0, errors.ToString());
        Assert.NotNull(document);
        return document;
    }

    private static ConfigError FailsOnce(string path)
    {
        var errors = new ConfigErrors();
        Assert.Null(ConfigDocumentReader.ReadFile(path, errors));
        return Assert.Single(errors);
    }

    [Theory]
    [InlineData("config.yaml", "a: 1\n")]
    [InlineData("config.yml", "a: 1\n")]
    [InlineData("CONFIG.YAML", "a: 1\n")]
    [InlineData("Config.Yml", "a: 1\n")]
    [InlineData("config.json", "{\"a\": 1}")]
    [InlineData("config.JSON", "{\"a\": 1}")]
    [InlineData("config.v1.yaml", "a: 1\n")]
    public void ChoosesTheFormatByExtension(string name, string contents)
    {
        var root = Reads(_directory.File(name, contents));
        Assert.Equal("1", Scalar(root, "a").Text);
    }

    [Fact]
    public void YamlInAJsonFileIsReadAsJson()
    {
        var error = FailsOnce(_directory.File("config.json", "a: 1\n"));
        Assert.Equal(1, error.Source.Line);
        IsClean(error);
    }

    [Fact]
    public void ThePathAsGivenNamesTheFileInNodesAndErrors()
    {
        var path = _directory.File("config.yaml", "a: 1\nb:\n  c: 2\n  c: 3\n");
        var error = FailsOnce(path);
        IsDocumentError(error, path, 4, 3, "duplicate key \"c\" (first at line 3)");
        Assert.Equal($"{path}:4:3: duplicate key \"c\" (first at line 3)", error.ToString());

        var good = _directory.File("good.json", "{\n  \"b\": {\"c\": 2}\n}");
        var c = Scalar(Mapping(Reads(good), "b"), "c");
        Assert.Equal(ValueSource.File(good, 2, 14), c.Source);
    }

    [Fact]
    public void ARelativePathIsKeptAsGiven()
    {
        var path = _directory.File("relative.yaml", "a: [1\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        var error = FailsOnce(relative);
        Assert.Equal(relative, error.Source.Name);
    }

    [Fact]
    public void AMissingFileIsReported()
    {
        var path = Path.Combine(_directory.Path, "missing.yaml");
        IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" does not exist");
        Assert.Equal($"config file \"{path}\" does not exist", FailsOnce(path).ToString()); // the message names the file once
    }

    [Fact]
    public void AFileUnderAMissingDirectoryIsMissing()
    {
        var path = Path.Combine(_directory.Path, "nope", "config.yaml");
        IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" does not exist");
    }

    [Fact]
    public void AnEmptyPathIsMissing() =>
        IsDocumentError(FailsOnce(""), "", 0, 0, "config file \"\" does not exist");

    [Fact]
    public void ADirectoryIsReported()
    {
        var path = Directory.CreateDirectory(Path.Combine(_directory.Path, "config.yaml")).FullName;
        IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" is a directory, expected a file");
    }

    [Theory]
    [InlineData("config.txt", "has the extension \".txt\"")]
    [InlineData("config.toml", "has the extension \".toml\"")]
    [InlineData("config.yaml.bak", "has the extension \".bak\"")]
    [InlineData("config", "has no extension")]
    public void AnUnknownExtensionNamesTheValidOnes(string name, string found)
    {
        var path = _directory.File(name, "a: 1\n");
        IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" {found}; it must end in .yaml, .yml or .json");
    }

    [Fact]
    public void AFileOverTheLimitIsRejectedBeforeAnythingIsRead()
    {
        // 10 MiB of zero bytes, written sparse so the test stays cheap. Had any of it been read, the NUL bytes would
        // have been reported as "not a UTF-8 text file" instead.
        var path = Path.Combine(_directory.Path, "huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(10 * 1024 * 1024);
        }

        IsDocumentError(
            FailsOnce(path), path, 0, 0,
            $"config file \"{path}\" is 10485760 bytes, larger than the limit of 4194304 bytes (4 MiB)");
    }

    [Fact]
    public void AFileOfExactlyTheLimitIsRead()
    {
        var head = "a: 1\n#"u8.ToArray();
        var contents = new byte[ConfigDocumentReader.MaxFileBytes];
        head.CopyTo(contents, 0);
        contents.AsSpan(head.Length).Fill((byte)'x');
        Assert.Equal("1", Scalar(Reads(_directory.File("big.yaml", contents)), "a").Text);

        var oneMore = new byte[ConfigDocumentReader.MaxFileBytes + 1];
        contents.CopyTo(oneMore, 0);
        oneMore[^1] = (byte)'x';
        var path = _directory.File("bigger.yaml", oneMore);
        IsDocumentError(
            FailsOnce(path), path, 0, 0,
            $"config file \"{path}\" is 4194305 bytes, larger than the limit of 4194304 bytes (4 MiB)");
    }

    [Fact]
    public void BinaryGarbageIsNotUtf8Text()
    {
        var bytes = new byte[4096];
        new Random(1234).NextBytes(bytes);
        bytes[100] = 0;
        var path = _directory.File("garbage.yaml", bytes);
        IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" is not a UTF-8 text file");
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0, (byte)'\n' })] // valid UTF-8, but a NUL byte
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xFF, (byte)'\n' })] // not UTF-8 at all
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xC3, (byte)'\n' })] // a truncated sequence
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0, (byte)':', 0 })] // UTF-16
    public void NonUtf8OrNulBytesAreNotText(byte[] contents)
    {
        foreach (var name in new[] { "config.yaml", "config.json" })
        {
            var path = _directory.File(name, contents);
            IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" is not a UTF-8 text file");
        }
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsAllowed()
    {
        var yaml = _directory.File("bom.yaml", [.. Encoding.UTF8.GetPreamble(), .. "a: 1\n"u8]);
        var json = _directory.File("bom.json", [.. Encoding.UTF8.GetPreamble(), .. "{\"a\": 1}"u8]);
        Assert.Equal("1", Scalar(Reads(yaml), "a").Text);
        Assert.Equal("1", Scalar(Reads(json), "a").Text);
        // Columns are counted after the mark.
        At(Scalar(Reads(json), "a"), 1, 7);
    }

    [Theory]
    [InlineData("empty.yaml", "")]
    [InlineData("blank.yaml", " \n\n")]
    [InlineData("comments.yaml", "# metricsListenAddress: 0.0.0.0:9402\n# nothing else\n")]
    [InlineData("empty.json", "")]
    [InlineData("blank.json", "\n  \n")]
    public void AnEmptyFileIsReportedInCertManagersWords(string name, string contents)
    {
        var path = _directory.File(name, contents);
        IsDocumentError(FailsOnce(path), path, 0, 0, $"config file \"{path}\" was empty");
    }

    [Theory]
    [InlineData("list.yaml", "- a\n")]
    [InlineData("list.json", "[\"a\"]")]
    public void TheTopLevelMustBeAMapping(string name, string contents)
    {
        var path = _directory.File(name, contents);
        IsDocumentError(FailsOnce(path), path, 1, 1, "the top level must be a mapping of keys, found a list");
    }

    [Theory]
    [InlineData("a.yaml", "a: [1, 2")]
    [InlineData("b.yaml", "a:\n\tb: 1\n")]
    [InlineData("c.yaml", "key: value: other\n")]
    [InlineData("d.json", "{\"a\": 1,}")]
    [InlineData("e.json", "{'a': 1}")]
    [InlineData("f.json", "{\"a\": \"unterminated")]
    public void MalformedFilesGiveOneLocatedCleanError(string name, string contents)
    {
        var path = _directory.File(name, contents);
        var error = FailsOnce(path);
        Assert.Equal(path, error.Source.Name);
        Assert.True(error.Source.Line > 0);
        Assert.True(error.Source.Column > 0);
        Assert.StartsWith($"{path}:{error.Source.Line}:{error.Source.Column}: ", error.ToString(), StringComparison.Ordinal);
        IsClean(error);
    }

    [Fact]
    public void AFileLockedByAnotherWriterCannotBeRead()
    {
        var path = _directory.File("locked.yaml", "a: 1\n");
        using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var error = FailsOnce(path);
        Assert.Equal(ValueSource.File(path, 0, 0), error.Source);
        Assert.StartsWith($"config file \"{path}\" cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutReadPermissionIsReportedWhenTheSystemDeniesIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only.
        }
        var path = _directory.File("secret.yaml", "a: 1\n");
        File.SetUnixFileMode(path, UnixFileMode.None);

        bool deniedByTheSystem;
        try
        {
            File.ReadAllBytes(path);
            deniedByTheSystem = false; // root reads anything
        }
        catch (UnauthorizedAccessException)
        {
            deniedByTheSystem = true;
        }

        var errors = new ConfigErrors();
        var document = ConfigDocumentReader.ReadFile(path, errors);
        if (deniedByTheSystem)
        {
            Assert.Null(document);
            IsDocumentError(Assert.Single(errors), path, 0, 0, $"config file \"{path}\" cannot be read: permission denied");
        }
        else
        {
            Assert.Empty(errors);
            Assert.NotNull(document);
        }
    }

    [Fact]
    public void ErrorsAreAddedToThoseAlreadyCollected()
    {
        var errors = new ConfigErrors();
        errors.Add(new ConfigError("other", "an earlier problem"));
        var good = _directory.File("good.yaml", "a: 1\n");
        Assert.NotNull(ConfigDocumentReader.ReadFile(good, errors));
        Assert.Single(errors);

        Assert.Null(ConfigDocumentReader.ReadFile(Path.Combine(_directory.Path, "missing.yaml"), errors));
        Assert.Equal(2, errors.Count);
        Assert.Equal("an earlier problem", errors[0].Message);
    }
}
