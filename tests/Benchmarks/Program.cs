using Flagwork.Benchmarks.Flags;

var b = new FlagsBenchmarks();
Console.WriteLine("flagwork   " + FlagArgv.Describe(b.Flagwork()));
Console.WriteLine("scl        " + FlagArgv.Describe(b.SystemCommandLine()));
Console.WriteLine("caf        " + FlagArgv.Describe(b.ConsoleAppFrameworkPeer()));
Console.WriteLine("clp        " + FlagArgv.Describe(b.CommandLineParserPeer()));
Console.WriteLine("mec        " + FlagArgv.Describe(b.ConfigurationReflectionBinder()));
Console.WriteLine("mecsg      " + FlagArgv.Describe(b.ConfigurationSourceGeneratedBinder()));
