using System.Diagnostics;
using AkkaEtl.Cli.Api;

namespace AkkaEtl.Cli.Watch;

/// <summary>
/// Overall records/s and ETA of the watched days, from successive polls (smoothed), so that a rate shows what
/// is happening now rather than since the day started.
/// </summary>
public sealed class ProgressMeter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private (double At, long Lines, long Bytes)? _last;

    public double RecordsPerSecond { get; private set; }
    public double BytesPerSecond { get; private set; }

    public void Sample(IReadOnlyList<DayInfo> days)
    {
        var now = _clock.Elapsed.TotalSeconds;
        var lines = days.Sum(d => d.Lines);
        var bytes = days.Sum(d => d.BytesDone);
        if (_last is { } last && now - last.At > 0.05)
        {
            var dt = now - last.At;
            // A day that is retried or resubmitted starts again from zero: never a negative rate.
            RecordsPerSecond = Smooth(RecordsPerSecond, Math.Max(0, (lines - last.Lines) / dt));
            BytesPerSecond = Smooth(BytesPerSecond, Math.Max(0, (bytes - last.Bytes) / dt));
        }
        _last = (now, lines, bytes);
    }

    private static double Smooth(double previous, double current) => previous == 0 ? current : 0.6 * previous + 0.4 * current;

    /// <summary>Seconds left, or null while it cannot be told (nothing discovered yet, nothing moving).</summary>
    public double? EtaSeconds(IReadOnlyList<DayInfo> days)
    {
        var pending = days.Where(d => !d.IsFinal).ToList();
        if (pending.Count == 0) return 0;
        var discovered = days.Where(d => d.InputBytes > 0).ToList();
        if (discovered.Count == 0 || BytesPerSecond <= 0) return null;
        // Days not yet discovered are assumed as big as the average discovered one.
        var average = discovered.Average(d => (double)d.InputBytes);
        var remaining = pending.Sum(d => d.InputBytes > 0 ? Math.Max(0, d.InputBytes - d.BytesDone) : average);
        return remaining / BytesPerSecond;
    }

    /// <summary>One day's ETA from its own average rate.</summary>
    public static double? DayEta(DayInfo d) =>
        d.IsFinal ? 0 : d.BytesDone > 0 && d.Seconds > 0 && d.InputBytes > 0 ? (d.InputBytes - d.BytesDone) / (d.BytesDone / d.Seconds) : null;
}
