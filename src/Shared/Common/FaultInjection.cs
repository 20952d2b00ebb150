using System.Diagnostics;

namespace AkkaEtl.Common;

/// <summary>
/// Crash points for recovery tests: with AKKAETL_FAULT=point[,point...] the process kills itself at that point,
/// as abruptly as kill -9, so that tests can prove the next run recovers (or, for a delay point, slows down there).
/// </summary>
public static class FaultInjection
{
    public const string Variable = "AKKAETL_FAULT";
    private static readonly HashSet<string> Points =
        (Environment.GetEnvironmentVariable(Variable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    /// <summary>Slows the caller down by <paramref name="delay"/> at that point (a slow node, for scheduling tests).</summary>
    public static Task DelayAsync(string point, TimeSpan delay, CancellationToken ct) =>
        Points.Contains(point) ? Task.Delay(delay, ct) : Task.CompletedTask;

    public static void Crash(string point)
    {
        if (!Points.Contains(point)) return;
        Console.Error.WriteLine($"fault injection: killing the process at '{point}'");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
    }
}
