// A separate process for the FileSecretStore tests: what one replica of a component does to the store, driven from
// the command line so a test can run several at once, or kill one halfway. Everything it prints is one line per fact,
// for the test to parse.
using System.Text;
using Flagwork.Tls.Secrets;

return args switch
{
    ["create", var root, var ns, var name, var payload, "--start-file", var startFile] =>
        await CreateAsync(root, new SecretKey(ns, name), payload, startFile),
    ["create", var root, var ns, var name, var payload] =>
        await CreateAsync(root, new SecretKey(ns, name), payload, startFile: null),
    ["update-slowly", var root, var ns, var name, var size, var pause, var fill, "--hang-at", var hangAt] =>
        await UpdateSlowlyAsync(root, new SecretKey(ns, name), int.Parse(size), int.Parse(pause), byte.Parse(fill), hangAt),
    ["update-slowly", var root, var ns, var name, var size, var pause, var fill] =>
        await UpdateSlowlyAsync(root, new SecretKey(ns, name), int.Parse(size), int.Parse(pause), byte.Parse(fill), hangAt: null),
    _ => Usage(),
};

// Creates the secret with every data key set to "<payload>:<key>", once the start file exists (so that many processes
// start racing at the same moment), then reads it back.
static async Task<int> CreateAsync(string root, SecretKey key, string payload, string? startFile)
{
    var store = new FileSecretStore(root);
    var data = new Dictionary<string, byte[]>
    {
        ["tls.crt"] = Encoding.UTF8.GetBytes(payload + ":tls.crt"),
        ["tls.key"] = Encoding.UTF8.GetBytes(payload + ":tls.key"),
        ["ca.crt"] = Encoding.UTF8.GetBytes(payload + ":ca.crt"),
    };
    var none = new Dictionary<string, string>();

    Console.WriteLine("ready");
    if (startFile is not null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(startFile))
        {
            if (DateTime.UtcNow > deadline)
            {
                Console.WriteLine("error start file never appeared");
                return 1;
            }

            Thread.Sleep(1);
        }
    }

    var result = await store.CreateAsync(key, data, none, none, CancellationToken.None);
    Console.WriteLine("outcome " + result.Outcome);
    var stored = await store.GetAsync(key, CancellationToken.None);
    Console.WriteLine("read " + (stored is null ? "none" : Describe(stored)));
    return 0;
}

// Replaces tls.crt, tls.key and ca.crt with <size> bytes of <fill> each, pausing <pause> ms after every chunk written
// and just before publishing, and saying so ("progress tls.crt 65536/1048576", "progress publish"). With --hang-at, it
// stops for good at the first stage that starts with the text given, so that a test can kill it there, mid-write.
static async Task<int> UpdateSlowlyAsync(string root, SecretKey key, int size, int pause, byte fill, string? hangAt)
{
    var store = new FileSecretStore(root, options: new FileSecretStoreOptions
    {
        WriteProgress = async stage =>
        {
            Console.WriteLine("progress " + stage);
            var hang = hangAt is not null && stage.StartsWith(hangAt, StringComparison.Ordinal);
            await Task.Delay(hang ? TimeSpan.FromMinutes(1) : TimeSpan.FromMilliseconds(pause));
        },
    });

    var current = await store.GetAsync(key, CancellationToken.None);
    if (current is null)
    {
        Console.WriteLine("error no secret to update");
        return 1;
    }

    Console.WriteLine("ready");
    var content = new byte[size];
    Array.Fill(content, fill);
    var data = new Dictionary<string, byte[]> { ["tls.crt"] = content, ["tls.key"] = content, ["ca.crt"] = content };
    var result = await store.UpdateAsync(key, current.Version, data, CancellationToken.None);
    Console.WriteLine("outcome " + result.Outcome);
    return 0;
}

static string Describe(StoredSecret secret) =>
    string.Join(';', secret.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + Convert.ToBase64String(d.Value)));

static int Usage()
{
    Console.Error.WriteLine("""
        usage: SecretStoreProbe create <root> <namespace> <name> <payload> [--start-file <path>]
               SecretStoreProbe update-slowly <root> <namespace> <name> <bytes-per-key> <pause-ms> <fill-byte> [--hang-at <stage>]
        """);
    return 2;
}
