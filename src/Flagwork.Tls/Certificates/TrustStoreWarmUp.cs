using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flagwork.Tls.Certificates;

/// <summary>
/// Reads the system's root certificate store on a background thread. The first
/// <see cref="System.Net.Security.SslStreamCertificateContext"/> of a process builds a chain, and on Linux the first chain
/// build loads and parses every certificate in the root store: measured at 110–180 ms on 2 cores, on the path to the
/// first certificate. Started when a source starts, that load overlaps reading the files or making the CA and the leaf,
/// and the first snapshot takes about 20 ms instead.
/// </summary>
public static class TrustStoreWarmUp
{
    private static int s_started;

    /// <summary>Starts the load once per process; later calls do nothing. Never throws and never blocks the caller.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref s_started, 1) != 0)
        {
            return;
        }
        // A thread of its own: the load is 100+ ms of CPU, which on a small machine would hold up a pool thread that
        // Kestrel's start-up needs.
        new Thread(Load) { IsBackground = true, Name = "Flagwork trust store warm-up" }.Start();
    }

    private static void Load()
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // No readable store: the first chain build will meet the same condition and report it where it matters.
        }
    }
}
