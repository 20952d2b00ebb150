using Akka.Actor;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Coordinator.Hosting;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>The coordinator rescans today on a schedule, like the cron job it replaces, and never runs a day twice at once.</summary>
[Collection("processes")]
public sealed class ScheduleTests : IAsyncDisposable
{
    private readonly TempDir _dir = new("schedule");
    private InProcessEtl? _etl;

    public async ValueTask DisposeAsync()
    {
        if (_etl is not null) await _etl.DisposeAsync();
        _dir.Dispose();
    }

    private void Write(DateOnly day, string name, int from, int count)
    {
        var path = Path.Combine(_dir.Sub("raw"), SourceFilesDay(day), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Concat(Enumerable.Range(from, count).Select(i => $"{{\"id\":\"j{i}\",\"title\":\"T {i}\"}}\n")));
    }

    private static string SourceFilesDay(DateOnly day) => Path.Combine(day.ToString("yyyy"), day.ToString("MM"), day.ToString("dd"));

    private async Task<long> CommittedRowsAsync(DateOnly day) =>
        (await new CatalogStore(new LocalObjectStore(_dir.Sub("wh"))).GetPartitionAsync("jobs", DayRange.Format(day)))?.Rows ?? -1;

    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Today_is_rescanned_on_schedule_and_picks_up_new_files()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new RunOptions(_dir.Sub("raw"), _dir.Sub("wh"), ExtractorSpec.BuiltIn);
        _etl = await InProcessEtl.StartAsync(new CoordinatorSettings
        {
            Rescan = new RescanSettings(TimeSpan.FromMilliseconds(500), IncludeYesterday: true, [("jobs", options)]),
        });
        Write(today, "a.jsonl", 0, 30);
        Write(today.AddDays(-1), "late.jsonl", 100, 7);
        await Until(async () => await CommittedRowsAsync(today) == 30, TimeSpan.FromMinutes(1), "today committed by the schedule");
        await Until(async () => await CommittedRowsAsync(today.AddDays(-1)) == 7, TimeSpan.FromMinutes(1), "yesterday committed by the schedule");

        Write(today, "b.jsonl", 30, 12);
        await Until(async () => await CommittedRowsAsync(today) == 42, TimeSpan.FromMinutes(1), "the new file picked up by a later rescan");
    }

    [Fact]
    public async Task A_day_already_running_is_not_started_twice()
    {
        var day = new DateOnly(2020, 5, 5);
        for (var f = 0; f < 6; f++) Write(day, $"f{f}.jsonl", f * 2000, 2000);
        _etl = await InProcessEtl.StartAsync();
        var coordinator = await EtlRunner.CoordinatorAsync(_etl.Host, CancellationToken.None);
        var options = new RunOptions(_dir.Sub("raw"), _dir.Sub("wh"), ExtractorSpec.BuiltIn) { TargetItemBytes = 1 };
        var first = await coordinator.Ask<SubmitAccepted>(new SubmitDays("jobs", new DayRange(day, day), options), TimeSpan.FromSeconds(10));
        var second = await coordinator.Ask<SubmitAccepted>(new SubmitDays("jobs", new DayRange(day, day.AddDays(1)), options), TimeSpan.FromSeconds(10));
        Assert.Equal(["2020-05-05"], first.Days);
        Assert.Equal(["2020-05-05"], second.AlreadyActive);
        Assert.Equal(["2020-05-06"], second.Days);
        await Until(async () => (await coordinator.Ask<StatusReport>(new GetStatus("jobs"), TimeSpan.FromSeconds(10))).Days.All(d => d.State.IsFinal()),
            TimeSpan.FromMinutes(1), "both days final");
        Assert.Equal(12_000, await CommittedRowsAsync(day));
    }
}
