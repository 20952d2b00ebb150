using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;
using AkkaEtl.Cli.Views;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl partitions TABLE</c>: the committed days of a table (version, files, rows, lineage).</summary>
public sealed class PartitionsCommand : ICliCommand
{
    public string Name => "partitions";
    public string Summary => "a table's committed days";
    public string Usage => "usage: etl partitions TABLE [--days DAY|FROM..TO]\n";
    public IReadOnlyCollection<string> Options { get; } = ["days"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        var name = CommandContext.Positional(args, 0, "the table");
        CommandContext.NoMorePositionals(args, 1);
        var response = await context.Api.GetAsync($"api/tables/{Uri.EscapeDataString(name)}/partitions" + ApiPaths.Query(("days", args.Get("days"))), context.Cancellation);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var table = new Table { Border = TableBorder.Simple }.AddColumn("day").AddColumn("version").AddColumn(new TableColumn("files").RightAligned())
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("size").RightAligned())
            .AddColumn(new TableColumn("source files").RightAligned()).AddColumn(new TableColumn("input lines").RightAligned())
            .AddColumn(new TableColumn("rejected").RightAligned()).AddColumn("committed");
        var count = 0;
        foreach (var p in response.Json.EnumerateArray())
        {
            var lineage = p.GetProperty("lineage");
            table.AddRow(TablesCommand.Text(p, "day"), Markup.Escape(TablesCommand.Text(p, "version")), p.GetProperty("files").GetArrayLength().ToString(),
                Format.Count(p.GetProperty("rows").GetInt64()), Format.Bytes(p.GetProperty("bytes").GetInt64()),
                lineage.GetProperty("source_files").GetInt32().ToString(), Format.Count(lineage.GetProperty("input_lines").GetInt64()),
                Format.Count(lineage.GetProperty("rejected").GetInt64()), Markup.Escape(TablesCommand.Text(p, "committed_at")));
            count++;
        }
        if (count == 0) Output.Console.MarkupLine($"[grey]{Markup.Escape(name)} has no committed days{(args.Get("days") is { } d ? " in " + Markup.Escape(d) : "")}[/]");
        else Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
