using AkkaEtl.Cli.Api;

namespace AkkaEtl.Cli.Watch;

/// <summary>Polls the days of a table and range until <c>done</c> holds, showing each answer.</summary>
public sealed class DayWatcher(EtlApi api, WatchDisplay display)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    /// <summary>How long the server may be away (a coordinator moving to another node) before the watch gives up.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public Task<(IReadOnlyList<DayInfo> Days, string Raw)> WatchAsync(string? table, string? days, Func<IReadOnlyList<DayInfo>, bool> done, CancellationToken ct) =>
        display.RunAsync(async () =>
        {
            DateTime? awaySince = null;
            while (true)
            {
                ApiResponse response;
                try
                {
                    response = await api.GetAsync(ApiPaths.Days(table, days), ct);
                    awaySince = null;
                }
                catch (CliError e) when (e.Transient && (awaySince ??= DateTime.UtcNow) > DateTime.UtcNow - Patience)
                {
                    await Task.Delay(Interval, ct);
                    continue;
                }
                var list = response.As<List<DayInfo>>();
                display.Update(list, response.Body);
                if (done(list)) return ((IReadOnlyList<DayInfo>)list, response.Body);
                await Task.Delay(Interval, ct);
            }
        });
}
