using System.Text.Json;
using AkkaEtl.Arguments;
using AkkaEtl.Cli.Views;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl tables</c>: the catalog's tables with their partitions, rows and size.</summary>
public sealed class TablesCommand : ICliCommand
{
    public string Name => "tables";
    public string Summary => "the catalog's tables";
    public string Usage => "usage: etl tables\n";
    public IReadOnlyCollection<string> Options { get; } = [];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        CommandContext.NoMorePositionals(args, 0);
        var response = await context.Api.GetAsync("api/tables", context.Cancellation);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var table = new Table { Border = TableBorder.Simple }.AddColumn("table").AddColumn(new TableColumn("partitions").RightAligned()).AddColumn("days")
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("columns").RightAligned())
            .AddColumn("key").AddColumn("extractor").AddColumn("updated");
        foreach (var t in response.Json.EnumerateArray())
        {
            var first = Text(t, "first_day");
            var last = Text(t, "last_day");
            table.AddRow(Markup.Escape(Text(t, "name")), t.GetProperty("partitions").GetInt32().ToString(),
                first.Length == 0 ? "-" : first == last ? first : $"{first}..{last}", Format.Count(t.GetProperty("rows").GetInt64()),
                Format.Bytes(t.GetProperty("bytes").GetInt64()), t.GetProperty("columns").GetArrayLength().ToString(),
                Markup.Escape(Text(t, "key_column")), Markup.Escape(Text(t, "extractor")), Markup.Escape(Text(t, "updated_at")));
        }
        Output.Console.Write(table);
        return ExitCodes.Ok;
    }

    internal static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.ToString() : "";
}
