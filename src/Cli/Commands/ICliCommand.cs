using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;

namespace AkkaEtl.Cli.Commands;

/// <summary>One command of etl.</summary>
public interface ICliCommand
{
    string Name { get; }
    string Summary { get; }
    /// <summary>Usage lines, shown by --help and on a usage error.</summary>
    string Usage { get; }
    IReadOnlyCollection<string> Options { get; }
    IReadOnlyCollection<string> Flags { get; }
    Task<int> RunAsync(CommandContext context, CommandLine args);
}

/// <summary>What a command runs with: the API, whether to print JSON, and the cancellation of Ctrl-C.</summary>
public sealed record CommandContext(EtlApi Api, bool Json, CancellationToken Cancellation)
{
    public const string DefaultTable = "jobs";

    public static string Positional(CommandLine args, int index, string what) =>
        args.Positionals.Count > index ? args.Positionals[index] : throw new UsageException($"{what} is required");

    public static void NoMorePositionals(CommandLine args, int count)
    {
        if (args.Positionals.Count > count) throw new UsageException($"unexpected '{args.Positionals[count]}'");
    }
}
