using System.Text.Json;
using AkkaEtl.Arguments;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl query "SQL"</c>: SQL (DuckDB) over the catalog, run on the coordinator node.</summary>
public sealed class QueryCommand : ICliCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public string Name => "query";
    public string Summary => "SQL over the catalog, run on the coordinator node";
    public string Usage => """
        usage: etl query "SQL" [--days DAY|FROM..TO] [--limit N]
          every table is a view; day_partition is a column. --days reads only those partitions (otherwise they are
          guessed from the SQL). At most --limit rows come back (default 10,000).
        """;
    public IReadOnlyCollection<string> Options { get; } = ["days", "limit"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        // Unquoted SQL arrives as several words.
        var sql = args.Positionals.Count > 0 ? string.Join(' ', args.Positionals) : throw new UsageException("the SQL is required");
        int? limit = args.Get("limit") is null ? null : args.Int("limit", 0, min: 1);
        var response = await context.Api.PostAsync("api/query", new { sql, days = args.Get("days"), limit }, context.Cancellation, Timeout);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var json = response.Json;
        var table = new Table { Border = TableBorder.Simple };
        foreach (var c in json.GetProperty("columns").EnumerateArray()) table.AddColumn(Markup.Escape(c.GetString() ?? ""));
        var rows = 0;
        foreach (var row in json.GetProperty("rows").EnumerateArray())
        {
            table.AddRow(row.EnumerateArray().Select(Cell).ToArray());
            rows++;
        }
        Output.Console.Write(table);
        Output.Console.MarkupLine(json.GetProperty("truncated").GetBoolean() ? $"[yellow]{rows} rows (truncated: raise --limit)[/]" : $"[grey]{rows} row{(rows == 1 ? "" : "s")}[/]");
        return ExitCodes.Ok;
    }

    private static string Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => "[grey]null[/]",
        JsonValueKind.String => Markup.Escape(Cut(v.GetString() ?? "")),
        _ => Markup.Escape(Cut(v.GetRawText())),
    };

    private static string Cut(string s) => s.Length > 80 ? s[..79] + "…" : s.ReplaceLineEndings(" ");
}
