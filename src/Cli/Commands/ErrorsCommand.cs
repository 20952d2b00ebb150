using AkkaEtl.Arguments;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl errors</c>: the coordinator's recent errors (item attempts that failed), newest first.</summary>
public sealed class ErrorsCommand : ICliCommand
{
    public string Name => "errors";
    public string Summary => "recent errors, newest first";
    public string Usage => "usage: etl errors\n";
    public IReadOnlyCollection<string> Options { get; } = [];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        CommandContext.NoMorePositionals(args, 0);
        var response = await context.Api.GetAsync("api/errors", context.Cancellation);
        if (context.Json)
        {
            Output.Json(response.Body);
            return ExitCodes.Ok;
        }
        var errors = response.Json.EnumerateArray().ToList();
        if (errors.Count == 0)
        {
            Output.Console.MarkupLine("[green]no recent errors[/]");
            return ExitCodes.Ok;
        }
        var table = new Table { Border = TableBorder.Simple }.AddColumn("at").AddColumn("table").AddColumn("day").AddColumn("node").AddColumn("message");
        foreach (var e in errors)
        {
            var at = e.TryGetProperty("at", out var a) && a.TryGetDateTimeOffset(out var t) ? Views.Format.Time(t) : TablesCommand.Text(e, "at");
            table.AddRow(at, Markup.Escape(TablesCommand.Text(e, "table")), Markup.Escape(TablesCommand.Text(e, "day")),
                Markup.Escape(TablesCommand.Text(e, "node")), $"[red]{Markup.Escape(TablesCommand.Text(e, "message"))}[/]");
        }
        Output.Console.Write(table);
        return ExitCodes.Ok;
    }
}
