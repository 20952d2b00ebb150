using System.Globalization;
using AkkaEtl.Common;
using AkkaEtl.Generation;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary><c>generate</c>: realistic synthetic postings in day folders, deterministic per seed.</summary>
public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";
    public string Summary => "write synthetic raw postings (JSONL, some gzipped) in YYYY/MM/DD folders";
    public string Usage => """
        usage: akkaetl generate --out DIR --days DAY|FROM..TO [--files 40] [--records-per-file 2500] [--seed 7]
                                [--gzip-fraction 0.1] [--malformed-fraction 0.001] [--update-fraction 0.05]
        """;
    public IReadOnlyCollection<string> Options { get; } =
        ["out", "days", "files", "records-per-file", "seed", "gzip-fraction", "malformed-fraction", "update-fraction"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var days = args.Days();
        var options = new GeneratorOptions(Path.GetFullPath(args.Require("out")), days.From, days.To,
            args.Int("files", 40, min: 1), args.Int("records-per-file", 2500, min: 1), args.Int("seed", 7))
        {
            GzipFraction = Fraction(args, "gzip-fraction", 0.1),
            MalformedFraction = Fraction(args, "malformed-fraction", 0.001),
            UpdateFraction = Fraction(args, "update-fraction", 0.05),
        };
        var summary = PostingGenerator.Generate(options, null, ct);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {summary.Records:N0} records ({summary.MalformedLines:N0} malformed lines) in {summary.Files:N0} files over {summary.Days} days, " +
            $"{Sizes.Human(summary.Bytes)} in {summary.Elapsed.TotalSeconds:0.0} s under {options.OutputDirectory}"));
        return Task.FromResult(ExitCodes.Ok);
    }

    private static double Fraction(CommandLine args, string name, double fallback)
    {
        var v = args.Double(name, fallback);
        return v is >= 0 and <= 1 ? v : throw new UsageException($"--{name} must be between 0 and 1");
    }
}
