using AkkaEtl.Arguments;
using AkkaEtl.Coordinator.Commands;
using AkkaEtl.Features;
using AkkaEtl.Features.Mapping;

namespace AkkaEtl.Coordinator;

public static class Program
{
    public static readonly IReadOnlyList<ICommand> Commands =
    [
        new DemoCommand(),
        new GenerateCommand(),
        new RunCommand(),
        new QueryCommand(),
        new TablesCommand(),
        new PartitionsCommand(),
        new FeaturesCommand(),
        new DdlCommand(),
        new ServeCommand(),
        new BenchCommand(),
        new BenchPeerCommand(),
    ];

    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return await RunAsync(args, cts.Token);
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp();
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"akkaetl: unknown command '{args[0]}'");
            PrintHelp();
            return ExitCodes.Usage;
        }
        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(command.Usage);
            return ExitCodes.Ok;
        }
        try
        {
            var cl = CommandLine.Parse(args.Skip(1).ToList(), command.Options, command.Flags);
            return await command.RunAsync(cl, ct);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"akkaetl {command.Name}: {e.Message}");
            Console.Error.WriteLine(command.Usage);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is MappingException or ExtractorLoadException)
        {
            Console.Error.WriteLine($"akkaetl {command.Name}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"akkaetl {command.Name}: cancelled");
            return 130;
        }
    }

    private static void PrintHelp()
    {
        Console.WriteLine("akkaetl: raw JSONL job postings → features → compacted Parquet partitions → catalog → SQL");
        Console.WriteLine();
        Console.WriteLine("commands:");
        foreach (var c in Commands) Console.WriteLine($"  {c.Name,-12} {c.Summary}");
        Console.WriteLine();
        Console.WriteLine("akkaetl COMMAND --help shows a command's options.");
    }
}
