using System.Runtime.InteropServices;
using System.Text;

namespace Flagwork.Tls.Secrets;

/// <summary>
/// The two POSIX calls .NET does not expose: <c>rename(2)</c> of a symbolic link over another (<see cref="File.Move(string, string, bool)"/>
/// refuses a link that points at a directory, and <see cref="Directory.Move"/> refuses an existing destination), and
/// <c>fsync(2)</c> of a directory, which makes a rename or a new entry durable. Paths are passed as NUL-terminated UTF-8
/// byte arrays, which marshal by pinning, so no marshalling code is generated at run time (trimming and AOT stay clean).
/// "libc" is the runtime's alias for the C library on Linux and macOS.
/// </summary>
internal static class PosixFileSystem
{
    private const int EINVAL = 22; // Same value on Linux, macOS and the BSDs.

    /// <summary>Atomically replaces <paramref name="destination"/> (if any) with <paramref name="source"/>: a reader sees
    /// one or the other, never neither.</summary>
    public static void Rename(string source, string destination)
    {
        if (rename(NullTerminated(source), NullTerminated(destination)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"renaming '{source}' to '{destination}' failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }

    /// <summary>Flushes a directory's entries to disk. File systems that cannot (EINVAL) are left as they are.</summary>
    public static void FlushDirectory(string path)
    {
        var descriptor = open(NullTerminated(path), OpenReadOnly | CloseOnExec);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"opening directory '{path}' to flush it failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        try
        {
            if (fsync(descriptor) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINVAL)
                {
                    throw new IOException($"flushing directory '{path}' failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
                }
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    private const int OpenReadOnly = 0;

    /// <summary>O_CLOEXEC, so a process started meanwhile does not inherit the descriptor.</summary>
    private static int CloseOnExec =>
        OperatingSystem.IsLinux() ? 0x80000 :
        OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? 0x1000000 :
        OperatingSystem.IsFreeBSD() ? 0x100000 :
        0;

    private static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project; byte[] arguments are blittable.
    [DllImport("libc", SetLastError = true)]
    private static extern int rename(byte[] oldPath, byte[] newPath);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
#pragma warning restore SYSLIB1054
}
