namespace Flagwork.Tls.Secrets;

/// <summary>
/// Creates directories and files that only their owner can read: 0700 and 0600 are given to <c>mkdir</c> and
/// <c>open</c> themselves (the umask can only narrow them), so there is no moment at which a wider mode applies.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and any missing parent as 0700; existing directories are left as they are.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; parents it creates get 0777
        // less the umask. So create each missing one in turn.
        var missing = new Stack<string>();
        for (string? directory = Path.GetFullPath(path); directory is not null && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
        {
            missing.Push(directory);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    /// <summary>Opens a new file (failing if it exists) as 0600 for writing.</summary>
    public static FileStream CreateFile(string path) => Open(path, System.IO.FileMode.CreateNew, FileAccess.Write);

    /// <summary>Opens (creating as 0600 if needed) a file that only this handle may use: on Unix .NET takes an exclusive
    /// <c>flock</c> for <see cref="FileShare.None"/>, which other threads and processes respect and a dying process releases.</summary>
    public static FileStream OpenExclusive(string path) => Open(path, System.IO.FileMode.OpenOrCreate, FileAccess.ReadWrite);

    private static FileStream Open(string path, System.IO.FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = access,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }
}
