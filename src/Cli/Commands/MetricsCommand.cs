using System.Globalization;
using AkkaEtl.Arguments;
using AkkaEtl.Cli.Views;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl metrics</c>: totals, days by state and per-node throughput; --prometheus prints /metrics as is.</summary>
public sealed class MetricsCommand : ICliCommand
{
    public string Name => "metrics";
    public string Summary => "throughput and counters (--prometheus: the scrape text)";
    public string Usage => "usage: etl metrics [--prometheus]\n";
    public IReadOnlyCollection<string> Options { get; } = [];
    public IReadOnlyCollection<string> Flags { get; } = ["prometheus"];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        CommandContext.NoMorePositionals(args, 0);
        if (args.Flag("prometheus"))
        {
            Console.Out.Write((await context.Api.GetAsync("metrics", context.Cancellation)).Body);
            return ExitCodes.Ok;
        }
        var response = await context.Api.GetAsync("api/metrics", context.Cancellation);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var m = response.Json;
        long L(string name) => m.GetProperty(name).GetInt64();
        var totals = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        totals.AddRow("records read", Format.Count(L("lines")));
        totals.AddRow("rows", Format.Count(L("rows")));
        totals.AddRow("rejected", Format.Count(L("rejected")));
        totals.AddRow("input", Format.Bytes(L("bytes")));
        totals.AddRow("items done", Format.Count(L("items_done")));
        totals.AddRow("items failed", L("items_failed") > 0 ? $"[red]{Format.Count(L("items_failed"))}[/]" : "0");
        totals.AddRow("items in flight", Format.Count(L("items_in_flight")));
        var seconds = m.GetProperty("day_seconds").EnumerateArray().Select(s => s.GetDouble()).Order().ToList();
        if (seconds.Count > 0)
            totals.AddRow("day time p50 / p90 / max",
                $"{Format.Duration(Quantile(seconds, 0.5))} / {Format.Duration(Quantile(seconds, 0.9))} / {Format.Duration(seconds[^1])}");
        var states = m.GetProperty("days_by_state").EnumerateObject().Select(p => $"{StateStyle.Markup(p.Name)} {p.Value.GetInt32()}");
        totals.AddRow("days", string.Join("  ", states));
        Output.Console.Write(totals);

        var nodes = new Table { Border = TableBorder.Simple }.AddColumn("node").AddColumn(new TableColumn("records").RightAligned())
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("input").RightAligned())
            .AddColumn(new TableColumn("items").RightAligned()).AddColumn(new TableColumn("rec/s of item time").RightAligned());
        foreach (var n in m.GetProperty("nodes").EnumerateArray())
        {
            var s = n.GetProperty("seconds").GetDouble();
            nodes.AddRow(Markup.Escape(n.GetProperty("node").GetString() ?? ""), Format.Count(n.GetProperty("lines").GetInt64()),
                Format.Count(n.GetProperty("rows").GetInt64()), Format.Bytes(n.GetProperty("bytes").GetInt64()),
                n.GetProperty("items").GetInt64().ToString(CultureInfo.InvariantCulture), Format.Rate(s > 0 ? n.GetProperty("lines").GetInt64() / s : 0));
        }
        if (nodes.Rows.Count > 0) Output.Console.Write(nodes);
        return ExitCodes.Ok;
    }

    private static double Quantile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
}
