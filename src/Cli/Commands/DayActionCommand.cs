using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;
using AkkaEtl.Cli.Views;
using AkkaEtl.Cli.Watch;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl retry DAY</c> and <c>etl cancel DAY</c>: a command to one day; the server says no with 409 (exit 1).</summary>
public sealed class DayActionCommand(string name, string summary, string explanation, bool canWait) : ICliCommand
{
    public static DayActionCommand Retry() => new("retry", "run a failed day again (its finished items are kept)",
        "  --wait   watch the day until it is final; exit 1 unless it is committed or empty", canWait: true);

    public static DayActionCommand Cancel() => new("cancel", "stop a queued or running day (its items are stopped)",
        "  the day ends cancelled; nothing of this run is committed", canWait: false);

    public string Name => name;
    public string Summary => summary;
    public string Usage => $"usage: etl {name} DAY [--table jobs]{(canWait ? " [--wait]" : "")}\n{explanation}\n";
    public IReadOnlyCollection<string> Options { get; } = ["table"];
    public IReadOnlyCollection<string> Flags => canWait ? ["wait"] : [];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        var day = CommandContext.Positional(args, 0, "the day (YYYY-MM-DD)");
        CommandContext.NoMorePositionals(args, 1);
        var table = args.Get("table") ?? CommandContext.DefaultTable;
        var response = await context.Api.PostAsync(ApiPaths.DayCommand(table, day, name), null, context.Cancellation);
        if (!(canWait && args.Flag("wait")))
        {
            if (context.Json) Output.Json(response.Body);
            else Output.Console.MarkupLine($"[green]{Markup.Escape(Message(response))}[/]");
            return ExitCodes.Ok;
        }
        if (!context.Json) Output.Console.MarkupLine($"[green]{Markup.Escape(Message(response))}[/]");
        var watcher = new DayWatcher(context.Api, Displays.For(context.Json, jsonLines: false));
        var (final, raw) = await watcher.WatchAsync(table, day, list => list.Any(d => d.Day == day && d.IsFinal), context.Cancellation);
        if (context.Json) Output.Json(raw);
        else Output.Console.Write(DayTable.Render(final));
        return DayOutcome.ExitCode(final);
    }

    private static string Message(ApiResponse response) =>
        response.Json.TryGetProperty("message", out var m) ? m.GetString() ?? "" : response.Body;
}
