using AkkaEtl.Messages;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Coordinator.Actors;

/// <summary>
/// Counters since the coordinator (re)started: totals, per node, and the latency of recent days. Prometheus handles
/// the reset when the singleton moves.
/// </summary>
public sealed class CoordinatorMetrics
{
    private readonly Dictionary<string, NodeMetrics> _nodes = new(StringComparer.Ordinal);
    private readonly Queue<double> _daySeconds = new();
    private long _lines, _rows, _rejected, _bytes, _items;

    public void Add(ItemMeasured m)
    {
        _lines += m.Lines;
        _rows += m.Rows;
        _rejected += m.Rejected;
        _bytes += m.Bytes;
        _items++;
        var n = _nodes.GetValueOrDefault(m.Node) ?? new NodeMetrics(m.Node, 0, 0, 0, 0, 0);
        _nodes[m.Node] = n with { Lines = n.Lines + m.Lines, Rows = n.Rows + m.Rows, Bytes = n.Bytes + m.Bytes, Items = n.Items + 1, Seconds = n.Seconds + m.Seconds };
    }

    public void DayEnded(DayStatus status)
    {
        if (status.State != DayState.Committed) return;
        _daySeconds.Enqueue(status.Seconds);
        while (_daySeconds.Count > 200) _daySeconds.Dequeue();
    }

    public MetricsSnapshot Snapshot(IReadOnlyList<DayStatus> days) => new(
        _lines, _rows, _rejected, _bytes, _items, days.Sum(d => (long)d.ItemsFailed),
        days.Where(d => !d.State.IsFinal()).Sum(d => Math.Max(0, d.ItemsTotal - d.ItemsDone - d.ItemsFailed)),
        _nodes.Values.OrderBy(n => n.Node, StringComparer.Ordinal).ToList(),
        _daySeconds.ToList(),
        days.GroupBy(d => d.State.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()));
}
