using System.Globalization;
using AkkaEtl.Cli.Api;
using AkkaEtl.Cli.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AkkaEtl.Cli.Watch;

/// <summary>Shows the watched days after each poll.</summary>
public abstract class WatchDisplay
{
    protected ProgressMeter Meter { get; } = new();

    /// <summary>Runs the watch inside whatever the display needs around it (a live region on a terminal).</summary>
    public virtual Task<T> RunAsync<T>(Func<Task<T>> watch) => watch();

    public void Update(IReadOnlyList<DayInfo> days, string raw)
    {
        Meter.Sample(days);
        Show(days, raw);
    }

    protected abstract void Show(IReadOnlyList<DayInfo> days, string raw);

    public static string Summary(IReadOnlyList<DayInfo> days, ProgressMeter meter)
    {
        // Integers only (and Format's invariant texts): no culture can change this line.
        var final = days.Count(d => d.IsFinal);
        var bad = days.Count(d => d.State is "failed" or "cancelled");
        var active = days.Where(d => !d.IsFinal).OrderBy(d => d.Day, StringComparer.Ordinal).FirstOrDefault();
        return $"days {final}/{days.Count} done" + (bad > 0 ? $" ({bad} failed or cancelled)" : "") +
               $" · items {days.Sum(d => d.ItemsDone)}/{days.Sum(d => d.ItemsTotal)} · {Format.Count(days.Sum(d => d.Lines))} records" +
               $" · {Format.Rate(meter.RecordsPerSecond)} · ETA {Format.Eta(meter.EtaSeconds(days))}" +
               (active is null ? "" : $" · {active.Day} {active.State} {active.ItemsDone}/{active.ItemsTotal}");
    }
}

/// <summary>Redirected output: a plain line when something changed (or every 10 s), for logs and CI.</summary>
public sealed class PlainDisplay(TextWriter writer) : WatchDisplay
{
    private string? _last;
    private DateTime _lastAt;

    protected override void Show(IReadOnlyList<DayInfo> days, string raw)
    {
        var summary = Summary(days, Meter);
        var changed = summary != _last;
        if (!changed && DateTime.UtcNow - _lastAt < TimeSpan.FromSeconds(10)) return;
        writer.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {summary}");
        writer.Flush();
        _last = summary;
        _lastAt = DateTime.UtcNow;
    }
}

/// <summary>--json with --watch: the API's answer as one line each time it changes (JSON Lines).</summary>
public sealed class JsonLinesDisplay(TextWriter writer) : WatchDisplay
{
    private string? _last;

    protected override void Show(IReadOnlyList<DayInfo> days, string raw)
    {
        if (raw == _last) return;
        writer.WriteLine(raw);
        writer.Flush();
        _last = raw;
    }
}

/// <summary>A terminal: a live region with a bar per active day (records/s, ETA) and the calendar.</summary>
public sealed class LiveDisplay(IAnsiConsole console) : WatchDisplay
{
    private LiveDisplayContext? _context;

    public override async Task<T> RunAsync<T>(Func<Task<T>> watch)
    {
        var result = default(T)!;
        await console.Live(new Markup("[grey]waiting for the first answer…[/]")).AutoClear(true).StartAsync(async ctx =>
        {
            _context = ctx;
            result = await watch();
        });
        return result;
    }

    protected override void Show(IReadOnlyList<DayInfo> days, string raw)
    {
        if (_context is null) return;
        _context.UpdateTarget(Render(days));
        _context.Refresh();
    }

    private IRenderable Render(IReadOnlyList<DayInfo> days)
    {
        var colour = StateStyle.HasColour(console);
        var parts = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(Summary(days, Meter))}[/]") };
        if (days.Count > 1) parts.Add(CalendarGrid.Render(days, colour));
        var active = days.Where(d => !d.IsFinal).OrderBy(d => d.Table, StringComparer.Ordinal).ThenBy(d => d.Day, StringComparer.Ordinal).Take(20).ToList();
        if (active.Count > 0) parts.Add(Bars(active));
        return new Rows(parts);
    }

    private static Table Bars(IReadOnlyList<DayInfo> active)
    {
        var table = new Table { Border = TableBorder.Simple };
        table.AddColumn("day").AddColumn("state").AddColumn("progress").AddColumn(new TableColumn("items").RightAligned())
            .AddColumn(new TableColumn("records").RightAligned()).AddColumn(new TableColumn("rec/s").RightAligned()).AddColumn(new TableColumn("ETA").RightAligned());
        foreach (var d in active)
            table.AddRow(d.Day, StateStyle.Markup(d.State), Bar(d.Fraction, 30) + " " + Format.Percent(d.Fraction), $"{d.ItemsDone}/{d.ItemsTotal}",
                Format.Count(d.Lines), Format.Rate(d.RecordsPerSecond), Format.Eta(ProgressMeter.DayEta(d)));
        return table;
    }

    private static string Bar(double fraction, int width)
    {
        var full = (int)Math.Round(fraction * width);
        return $"[green]{new string('━', full)}[/][grey23]{new string('━', width - full)}[/]";
    }
}

/// <summary>--json with --wait: stdout keeps only the final answer; progress lines go to stderr.</summary>
public static class Displays
{
    public static WatchDisplay For(bool json, bool jsonLines)
    {
        if (json) return jsonLines ? new JsonLinesDisplay(Console.Out) : new PlainDisplay(Console.Error);
        return Console.IsOutputRedirected ? new PlainDisplay(Console.Out) : new LiveDisplay(Output.Console);
    }
}
