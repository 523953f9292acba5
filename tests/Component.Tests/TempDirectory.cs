namespace Component.Tests;

/// <summary>A fresh directory under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = System.IO.Directory.CreateTempSubdirectory("component-tests-").FullName;

    public string Path { get; }

    public string File(string name, string contents)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public string File(string name, byte[] contents)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    public string Subdirectory(string name) => System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
}
