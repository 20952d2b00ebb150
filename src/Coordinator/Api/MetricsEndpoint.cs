using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using AkkaEtl.Coordinator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Coordinator.Api;

/// <summary>Prometheus text format at /metrics, and the same numbers as JSON at /api/metrics for the status page.</summary>
public static class MetricsEndpoint
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/metrics", async (ActorRegistry registry, CancellationToken ct) =>
            Results.Text(Render(await SnapshotAsync(registry, ct)), "text/plain; version=0.0.4"));
        app.MapGet("/api/metrics", async (ActorRegistry registry, CancellationToken ct) =>
            Results.Json(await SnapshotAsync(registry, ct), ControlApi.Json));
    }

    private static async Task<MetricsSnapshot> SnapshotAsync(ActorRegistry registry, CancellationToken ct)
    {
        var coordinator = await registry.GetAsync<EtlCoordinatorKey>(ct);
        return await coordinator.Ask<MetricsSnapshot>(GetMetrics.Instance, TimeSpan.FromSeconds(10), ct);
    }

    public static string Render(MetricsSnapshot m)
    {
        var text = new StringBuilder();
        Counter(text, "akkaetl_records_total", "Input lines read by work items.", m.Lines);
        Counter(text, "akkaetl_rows_total", "Rows extracted.", m.Rows);
        Counter(text, "akkaetl_rejects_total", "Lines rejected (bad input).", m.Rejected);
        Counter(text, "akkaetl_input_bytes_total", "Raw bytes processed.", m.Bytes);
        Counter(text, "akkaetl_items_total", "Work items finished.", m.ItemsDone);
        // A gauge: a retry of the day clears its failed items.
        Gauge(text, "akkaetl_items_failed", "Work items given up on, in the days known now (a retry clears them).", m.ItemsFailed);
        Gauge(text, "akkaetl_items_in_flight", "Work items of active days not yet finished.", m.ItemsInFlight);
        Header(text, "akkaetl_days", "Days by state.", "gauge");
        foreach (var (state, count) in m.DaysByState.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Line(text, "akkaetl_days", count, ("state", state));
        Header(text, "akkaetl_node_records_total", "Input lines read, per worker node.", "counter");
        foreach (var n in m.Nodes) Line(text, "akkaetl_node_records_total", n.Lines, ("node", n.Node));
        Header(text, "akkaetl_node_rows_total", "Rows extracted, per worker node.", "counter");
        foreach (var n in m.Nodes) Line(text, "akkaetl_node_rows_total", n.Rows, ("node", n.Node));
        Header(text, "akkaetl_node_records_per_second", "Input lines per second of item time, per worker node.", "gauge");
        foreach (var n in m.Nodes) Line(text, "akkaetl_node_records_per_second", n.Seconds > 0 ? n.Lines / n.Seconds : 0, ("node", n.Node));
        Header(text, "akkaetl_day_seconds", "Time from start to commit of recent days.", "summary");
        var sorted = m.DaySeconds.Order().ToList();
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
            Line(text, "akkaetl_day_seconds", sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))],
                ("quantile", q.ToString(CultureInfo.InvariantCulture)));
        Line(text, "akkaetl_day_seconds_sum", sorted.Sum());
        Line(text, "akkaetl_day_seconds_count", sorted.Count);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, double value)
    {
        Header(text, name, help, "counter");
        Line(text, name, value);
    }

    private static void Gauge(StringBuilder text, string name, string help, double value)
    {
        Header(text, name, help, "gauge");
        Line(text, name, value);
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder text, string name, double value, params (string Key, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
            text.Append('{').Append(string.Join(',', labels.Select(l => $"{l.Key}=\"{l.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\""))).Append('}');
        text.Append(' ').Append(double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
