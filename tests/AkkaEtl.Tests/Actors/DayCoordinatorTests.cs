using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Remote.Hosting;
using AkkaEtl.Catalog;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;
using static AkkaEtl.Messages.CompactionProtocol;
using static AkkaEtl.Messages.DayProtocol;
using static AkkaEtl.Messages.WorkProtocol;

namespace AkkaEtl.Tests.Actors;

/// <summary>The day coordinator's protocol against probes standing in for the work-item region and compaction.</summary>
public sealed class DayCoordinatorTests : Akka.Hosting.TestKit.TestKit
{
    private readonly TempDir _dir = new("daycoord");

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithRemoting("127.0.0.1", 0)
            .WithClustering()
            .WithInMemoryJournal()
            .WithInMemorySnapshotStore();

    private (IActorRef Day, Akka.TestKit.TestProbe Work, Akka.TestKit.TestProbe Compaction) Start(int files, RunOptions? options = null)
    {
        for (var i = 0; i < files; i++)
        {
            var path = _dir.Sub("raw", "2020", "01", "01", $"f{i}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"{{\"id\":\"{i}\"}}\n");
        }
        options ??= new RunOptions(_dir.Sub("raw"), _dir.Sub("wh"), ExtractorSpec.BuiltIn) { TargetItemBytes = 1, MaxAttempts = 3 };
        var work = CreateTestProbe();
        var compaction = CreateTestProbe();
        var settings = new DayCoordinatorSettings { RetryBackoff = TimeSpan.FromMilliseconds(50), MaxItemsInFlight = 2 };
        var day = ChildActorOf(DayCoordinator.Props("jobs", "2020-01-01", options, "r1", work, compaction, new ObjectStoreProvider(), settings,
            DayStatus.Queued("jobs", "2020-01-01")));
        return (day, work, compaction);
    }

    private static ItemResult Result(int index) =>
        new(10, 0, 9, 1, 0, 100, $"_staging/jobs/day_partition=2020-01-01/r1/part-{index:D5}.parquet", 1000, null, "node", 0.1);

    private DayStatus ExpectState(DayState state) =>
        FishForMessage<DayUpdated>(u => u.Status.State == state, TimeSpan.FromSeconds(10)).Status;

    [Fact]
    public void Sends_items_within_the_window_retries_a_failure_with_backoff_and_compacts_all_parts_in_order()
    {
        var (_, work, compaction) = Start(3);
        var a = work.ExpectMsg<ProcessWorkItem>();
        var b = work.ExpectMsg<ProcessWorkItem>();
        work.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // window of two
        Assert.Equal([0, 1], new[] { a.Item.Index, b.Item.Index });
        Assert.Equal(1, a.Attempt);

        a.ReplyTo.Tell(new WorkItemFailed(a.Item.ItemId, 1, "cannot read f0.jsonl: boom", "node"));
        var c = work.ExpectMsg<ProcessWorkItem>(); // the failure freed a slot: item 2
        Assert.Equal(2, c.Item.Index);
        work.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // the retry waits for a slot in the window
        b.ReplyTo.Tell(new WorkItemCompleted(b.Item.ItemId, b.Attempt, Result(b.Item.Index)));
        var retry = work.ExpectMsg<ProcessWorkItem>(TimeSpan.FromSeconds(5));
        Assert.Equal((0, 2), (retry.Item.Index, retry.Attempt));

        foreach (var m in new[] { c, retry }) m.ReplyTo.Tell(new WorkItemCompleted(m.Item.ItemId, m.Attempt, Result(m.Item.Index)));
        var compact = compaction.ExpectMsg<CompactDay>();
        Assert.Equal([0, 1, 2], compact.Parts.Select(p => p.ItemIndex));
        Assert.Equal(27, compact.Parts.Sum(p => p.Rows));

        var partition = new PartitionEntry("jobs", "2020-01-01", "v1", [], 27, 0, DateTimeOffset.UtcNow, compact.Lineage);
        compact.ReplyTo.Tell(new DayCommitted("jobs", "2020-01-01", partition));
        var done = ExpectState(DayState.Committed);
        Assert.Equal((3, 3, 30L, 27L, 3L, 27L), (done.ItemsDone, done.ItemsTotal, done.Lines, done.Rows, done.Rejected, done.CommittedRows));
    }

    [Fact]
    public void An_item_that_keeps_failing_fails_the_day_with_its_error()
    {
        var (_, work, compaction) = Start(1);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var m = work.ExpectMsg<ProcessWorkItem>(TimeSpan.FromSeconds(5));
            Assert.Equal(attempt, m.Attempt);
            m.ReplyTo.Tell(new WorkItemFailed(m.Item.ItemId, m.Attempt, "cannot read /raw/f0.jsonl: truncated", "node"));
        }
        var failed = ExpectState(DayState.Failed);
        Assert.Contains("failed after 3 attempts: cannot read /raw/f0.jsonl: truncated", failed.Error);
        Assert.Equal(["2020/01/01/f0.jsonl"], failed.FailedFiles);
        compaction.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_day_without_files_is_empty()
    {
        Directory.CreateDirectory(_dir.Sub("raw"));
        var (_, work, _) = Start(0);
        ExpectState(DayState.Empty);
        work.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _dir.Dispose();
    }
}
