using System.Diagnostics;
using System.Globalization;
using AkkaEtl.Messages;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>A live progress line on a terminal (stderr): days, files, records/s and ETA.</summary>
public sealed class RunProgress(bool enabled)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int _lastLength;

    public void Update(IReadOnlyList<DayStatus> days)
    {
        if (!enabled) return;
        var elapsed = _watch.Elapsed.TotalSeconds;
        var final = days.Count(d => d.State.IsFinal());
        var files = days.Sum(d => d.FilesToProcess);
        var filesDone = days.Sum(d => d.FilesDone);
        var lines = days.Sum(d => d.Lines);
        var bytes = days.Sum(d => d.InputBytes);
        var bytesDone = days.Sum(d => d.BytesDone);
        var rate = elapsed > 0 ? lines / elapsed : 0;
        var undiscovered = days.Any(d => d.State is DayState.Queued or DayState.Discovering);
        var eta = bytesDone > 0 && !undiscovered ? TimeSpan.FromSeconds((bytes - bytesDone) * elapsed / bytesDone) : (TimeSpan?)null;
        var active = days.FirstOrDefault(d => !d.State.IsFinal());
        var etaText = eta is { } e ? e.ToString(@"m\:ss", CultureInfo.InvariantCulture) : "?";
        var activeText = active is null ? "" : $" · {active.Day} {active.State.ToString().ToLowerInvariant()}";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"days {final}/{days.Count} · files {filesDone}/{files} · {lines:N0} records · {rate:N0} rec/s · ETA {etaText}{activeText}");
        Console.Error.Write("\r" + text.PadRight(_lastLength));
        _lastLength = text.Length;
    }

    public void Done()
    {
        if (enabled && _lastLength > 0) Console.Error.WriteLine();
    }
}
