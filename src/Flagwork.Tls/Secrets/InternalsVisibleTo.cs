using System.Runtime.CompilerServices;

// The multi-process test probe sets FileSecretStoreOptions.WriteProgress to pause a writer at a known point and kill it.
[assembly: InternalsVisibleTo("SecretStoreProbe")]
