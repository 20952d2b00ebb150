using System.Text.Json;
using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;
using AkkaEtl.Cli.Views;
using AkkaEtl.Cli.Watch;
using Spectre.Console;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl submit RANGE</c>: queue days; with --wait, watch them to the end (exit 1 if one failed or was cancelled).</summary>
public sealed class SubmitCommand : ICliCommand
{
    public string Name => "submit";
    public string Summary => "queue days for processing (--wait: watch them finish)";
    public string Usage => """
        usage: etl submit DAY|FROM..TO [--table jobs] [--full] [--priority N] [--wait]
          --full       reprocess every file, not only new and changed ones
          --priority   higher runs first (default 0)
          --wait       watch the days until each is committed, empty, failed or cancelled; exit 1 unless all succeeded
        """;
    public IReadOnlyCollection<string> Options { get; } = ["table", "priority"];
    public IReadOnlyCollection<string> Flags { get; } = ["full", "wait"];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        // The server validates the days: its message is the one shown.
        var days = CommandContext.Positional(args, 0, "the days (DAY or FROM..TO)");
        CommandContext.NoMorePositionals(args, 1);
        var table = args.Get("table") ?? CommandContext.DefaultTable;
        var request = new { table, days, full = args.Flag("full"), priority = args.Int("priority", 0) };
        var response = await context.Api.PostAsync("api/days", request, context.Cancellation);
        var accepted = Strings(response.Json, "accepted");
        var active = Strings(response.Json, "already_active");
        if (!args.Flag("wait"))
        {
            if (context.Json) Output.Json(response.Body);
            else Describe(table, accepted, active);
            return ExitCodes.Ok;
        }
        if (!context.Json) Describe(table, accepted, active);
        var watched = accepted.Concat(active).ToHashSet(StringComparer.Ordinal);
        var watcher = new DayWatcher(context.Api, Displays.For(context.Json, jsonLines: false));
        var (final, raw) = await watcher.WatchAsync(table, days,
            list => watched.All(day => list.Any(d => d.Day == day && d.IsFinal)), context.Cancellation);
        var mine = final.Where(d => watched.Contains(d.Day)).ToList();
        if (context.Json) Output.Json(raw);
        else Output.Console.Write(DayTable.Report(mine, StateStyle.HasColour(Output.Console)));
        return DayOutcome.ExitCode(mine);
    }

    private static void Describe(string table, IReadOnlyList<string> accepted, IReadOnlyList<string> active)
    {
        var console = Output.Console;
        if (accepted.Count > 0)
            console.MarkupLine($"[green]{Markup.Escape(table)}: {accepted.Count} day{(accepted.Count == 1 ? "" : "s")} accepted[/] ({Markup.Escape(Format.Days(accepted))})");
        if (active.Count > 0)
            console.MarkupLine($"[yellow]{active.Count} already active[/] ({Markup.Escape(Format.Days(active))})");
    }

    private static List<string> Strings(JsonElement json, string name) =>
        json.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [];
}

/// <summary>What watched days mean for the exit code.</summary>
public static class DayOutcome
{
    public static int ExitCode(IReadOnlyList<DayInfo> days)
    {
        var bad = days.Where(d => !DayStates.IsSuccess(d.State)).ToList();
        if (bad.Count == 0) return ExitCodes.Ok;
        Output.Error($"{bad.Count} day{(bad.Count == 1 ? "" : "s")} did not succeed: " +
                     string.Join("; ", bad.Select(d => $"{d.Table} {d.Day} {d.State}{(d.Error is { } e ? ": " + e : "")}")));
        return ExitCodes.Failed;
    }
}
