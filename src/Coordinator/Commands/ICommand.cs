using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>One command of the akkaetl program.</summary>
public interface ICommand
{
    string Name { get; }
    string Summary { get; }
    /// <summary>Usage lines shown by --help and on a usage error.</summary>
    string Usage { get; }
    IReadOnlyCollection<string> Options { get; }
    IReadOnlyCollection<string> Flags { get; }
    Task<int> RunAsync(CommandLine args, CancellationToken ct);
}

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The job ran and something failed (a day, a query).</summary>
    public const int Failed = 1;
    /// <summary>Bad flags, a missing source: nothing ran.</summary>
    public const int Usage = 2;
}
