using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;
using AkkaEtl.Cli.Views;
using AkkaEtl.Cli.Watch;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl status [RANGE]</c>: the days the coordinator knows, as a calendar and a table; --watch follows them live.</summary>
public sealed class StatusCommand : ICliCommand
{
    public string Name => "status";
    public string Summary => "the days' states (--watch: follow them live)";
    public string Usage => """
        usage: etl status [DAY|FROM..TO] [--table T] [--watch]
          --table   only this table (default: every table)
          --watch   refresh every second until every shown day is final; exit 1 if one failed or was cancelled
                    (with --json: the API's answer as one line each time it changes)
        """;
    public IReadOnlyCollection<string> Options { get; } = ["table", "days"];
    public IReadOnlyCollection<string> Flags { get; } = ["watch"];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        var days = args.Positionals.Count > 0 ? args.Positionals[0] : args.Get("days");
        CommandContext.NoMorePositionals(args, 1);
        var table = args.Get("table");
        if (args.Flag("watch"))
        {
            var watcher = new DayWatcher(context.Api, Displays.For(context.Json, jsonLines: true));
            var (final, _) = await watcher.WatchAsync(table, days, list => list.All(d => d.IsFinal), context.Cancellation);
            if (!context.Json) Output.Console.Write(DayTable.Report(final, StateStyle.HasColour(Output.Console)));
            return DayOutcome.ExitCode(final);
        }
        var response = await context.Api.GetAsync(ApiPaths.Days(table, days), context.Cancellation);
        if (context.Json) Output.Json(response.Body);
        else Output.Console.Write(DayTable.Report(response.As<List<DayInfo>>(), StateStyle.HasColour(Output.Console)));
        return ExitCodes.Ok;
    }
}
