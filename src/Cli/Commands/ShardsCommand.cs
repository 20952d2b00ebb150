using AkkaEtl.Arguments;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl shards</c>: the work-item shard regions: per node, shards, live entities (items) and failures.</summary>
public sealed class ShardsCommand : ICliCommand
{
    public string Name => "shards";
    public string Summary => "work-item shards and entities per node";
    public string Usage => "usage: etl shards\n";
    public IReadOnlyCollection<string> Options { get; } = [];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        CommandContext.NoMorePositionals(args, 0);
        var response = await context.Api.GetAsync("api/shards", context.Cancellation);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var table = new Table { Border = TableBorder.Simple }.AddColumn("node").AddColumn(new TableColumn("shards").RightAligned())
            .AddColumn(new TableColumn("entities").RightAligned()).AddColumn(new TableColumn("failed").RightAligned()).AddColumn("entities by shard");
        foreach (var r in response.Json.GetProperty("regions").EnumerateArray())
        {
            var byShard = r.GetProperty("by_shard").EnumerateObject().Select(s => $"{s.Name}:{s.Value.GetInt32()}").ToList();
            var failed = r.GetProperty("failed").GetInt32();
            table.AddRow(Markup.Escape(r.GetProperty("node").GetString() ?? ""), r.GetProperty("shards").GetInt32().ToString(),
                r.GetProperty("entities").GetInt32().ToString(), failed > 0 ? $"[red]{failed}[/]" : "0",
                Markup.Escape(byShard.Count > 12 ? string.Join(" ", byShard.Take(12)) + " …" : string.Join(" ", byShard)));
        }
        Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
