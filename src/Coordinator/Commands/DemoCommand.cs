using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// <c>demo</c>: the first thing to try. Generates a small sample, runs it through the whole pipeline, and queries it.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Name => "demo";
    public string Summary => "generate a small sample, run it, and query it (start here)";
    public string Usage => "usage: akkaetl demo [--dir DIR]   (default ./akkaetl-demo; raw data in DIR/raw, the warehouse in DIR/wh)";
    public IReadOnlyCollection<string> Options { get; } = ["dir"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var dir = Path.GetFullPath(args.Get("dir") ?? "akkaetl-demo");
        var raw = Path.Combine(dir, "raw");
        var wh = Path.Combine(dir, "wh");
        const string days = "2020-01-01..2020-01-03";
        string[][] steps =
        [
            ["generate", "--out", raw, "--days", days, "--files", "12", "--records-per-file", "500", "--seed", "7"],
            ["run", "--source", raw, "--warehouse", wh, "--table", "jobs", "--days", days],
            ["query", "--warehouse", wh, "SELECT day_partition, count(*) AS jobs, count(salary_annual_min) AS with_salary, " +
                "round(median(salary_annual_min)) AS median_salary, count(*) FILTER (WHERE is_remote) AS remote FROM jobs GROUP BY 1 ORDER BY 1"],
            ["query", "--warehouse", wh, "SELECT country, count(*) AS jobs FROM jobs WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 5"],
        ];
        foreach (var step in steps)
        {
            Console.Error.WriteLine($"$ akkaetl {string.Join(' ', step.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}");
            var code = await Program.RunAsync(step, ct);
            if (code != ExitCodes.Ok) return code;
        }
        Console.Error.WriteLine($"the warehouse is in {wh}; try: akkaetl tables --warehouse {wh}");
        return ExitCodes.Ok;
    }
}
