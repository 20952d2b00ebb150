using System.Text.Json;
using AkkaEtl.Arguments;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl cluster show|leave|down</c>: the members as the coordinator node sees them; ask one to leave, or down it.</summary>
public sealed class ClusterCommand : ICliCommand
{
    public string Name => "cluster";
    public string Summary => "members, roles and reachability; leave or down a node";
    public string Usage => """
        usage: etl cluster [show]
               etl cluster leave ADDRESS    the node hands its work back and leaves (graceful)
               etl cluster down ADDRESS     the node is removed at once (it is dead, or cut off for good)
          ADDRESS as shown by 'etl cluster show', e.g. akka.tcp://akkaetl@10.0.0.5:4053
        """;
    public IReadOnlyCollection<string> Options { get; } = [];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        var action = args.Positionals.Count > 0 ? args.Positionals[0] : "show";
        switch (action)
        {
            case "show":
                CommandContext.NoMorePositionals(args, 1);
                return await ShowAsync(context);
            case "leave" or "down":
                var address = CommandContext.Positional(args, 1, "the node's address");
                CommandContext.NoMorePositionals(args, 2);
                var response = await context.Api.PostAsync($"api/cluster/{action}", new { address }, context.Cancellation);
                if (context.Json) Output.Json(response.Body);
                else Output.Console.MarkupLine($"[green]{Markup.Escape(response.Json.GetProperty("message").GetString() ?? "")}[/]");
                return ExitCodes.Ok;
            default:
                throw new UsageException($"unknown cluster command '{action}' (show, leave, down)");
        }
    }

    private static async Task<int> ShowAsync(CommandContext context)
    {
        var response = await context.Api.GetAsync("api/cluster", context.Cancellation);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var json = response.Json;
        var self = json.GetProperty("self").GetString();
        var leader = json.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        var table = new Table { Border = TableBorder.Simple }.AddColumn("address").AddColumn("status").AddColumn("roles").AddColumn("reachable").AddColumn("");
        foreach (var m in json.GetProperty("members").EnumerateArray())
        {
            var address = m.GetProperty("address").GetString() ?? "";
            var status = m.GetProperty("status").GetString() ?? "";
            var reachable = m.GetProperty("reachable").GetBoolean();
            var roles = string.Join(", ", m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            var notes = string.Join(" ", new[] { address == self ? "(this node)" : null, address == leader ? "(leader)" : null }.OfType<string>());
            table.AddRow(Markup.Escape(address), status == "up" ? $"[green]{status}[/]" : $"[yellow]{Markup.Escape(status)}[/]", Markup.Escape(roles),
                reachable ? "[green]yes[/]" : "[red]NO[/]", notes);
        }
        Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
