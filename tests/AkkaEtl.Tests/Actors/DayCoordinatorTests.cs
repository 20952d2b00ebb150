using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Remote.Hosting;
using AkkaEtl.Catalog;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Features;
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
        options ??= Options() with { VersionPass = false };
        var work = CreateTestProbe();
        var compaction = CreateTestProbe();
        var settings = new DayCoordinatorSettings { RetryBackoff = TimeSpan.FromMilliseconds(50), MaxItemsInFlight = 2 };
        var day = ChildActorOf(DayCoordinator.Props("jobs", "2020-01-01", options, "r1", work, compaction, new ObjectStoreProvider(), settings,
            DayStatus.Queued("jobs", "2020-01-01")));
        return (day, work, compaction);
    }

    private RunOptions Options() => new(_dir.Sub("raw"), _dir.Sub("wh"), ExtractorSpec.BuiltIn) { TargetItemBytes = 1, MaxAttempts = 3 };

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
    public void A_versions_pass_runs_first_and_each_rows_item_gets_the_lines_a_later_version_supersedes()
    {
        var (_, work, compaction) = Start(3, Options());
        var first = new[] { work.ExpectMsg<ProcessWorkItem>(), work.ExpectMsg<ProcessWorkItem>() };
        work.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the same window as the rows pass
        Assert.All(first, m => Assert.Equal(WorkItemPass.Versions, m.Item.Pass));

        var t = new DateTime(2020, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        // "a": item 2's copy is updated later. "b": the same times in items 1 and 2, so the later file (f2) wins.
        // "c": once, in item 0. "d": twice in item 0's file, the later line wins.
        var versions = new Dictionary<int, (string Key, DateTime? Updated, long Line)[]>
        {
            [0] = [("a", t, 1), ("c", t, 2), ("d", null, 3), ("d", null, 4)],
            [1] = [("b", t, 1)],
            [2] = [("a", t.AddHours(1), 1), ("b", t, 2)],
        };
        void Complete(ProcessWorkItem m)
        {
            var key = CatalogKeys.Versions("jobs", "2020-01-01", "r1", m.Item.Index);
            var entries = versions[m.Item.Index];
            var bytes = new byte[entries.Length * VersionEntry.Bytes];
            for (var i = 0; i < entries.Length; i++)
                VersionEntry.Of(new RecordVersion(entries[i].Key, entries[i].Updated, t), 0, entries[i].Line).Write(bytes.AsSpan(i * VersionEntry.Bytes));
            var path = _dir.Sub("wh", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            m.ReplyTo.Tell(new WorkItemCompleted(m.Item.ItemId, m.Attempt, Result(m.Item.Index) with { PartKey = key, Rows = entries.Length }));
        }
        Complete(first[0]);
        var last = work.ExpectMsg<ProcessWorkItem>();
        Assert.Equal((WorkItemPass.Versions, 2), (last.Item.Pass, last.Item.Index));
        Complete(first[1]);
        work.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no rows item before every version is known
        Complete(last);

        var rows = new[] { work.ExpectMsg<ProcessWorkItem>(), work.ExpectMsg<ProcessWorkItem>() };
        Assert.All(rows, m => Assert.Equal(WorkItemPass.Rows, m.Item.Pass));
        Assert.Equal([0, 1], rows.Select(m => m.Item.Index));
        SupersededLines Superseded(ProcessWorkItem m) => SupersededLines.Decode(File.ReadAllBytes(_dir.Sub("wh", m.Item.SupersededKey!)));
        var item0 = Superseded(rows[0]);
        Assert.Equal(2, item0.Count);
        Assert.True(item0.Contains(0, 1) && item0.Contains(0, 3)); // "a" (older), "d" (earlier line)
        var item1 = Superseded(rows[1]);
        Assert.Equal(1, item1.Count);
        Assert.True(item1.Contains(0, 1)); // "b" in the earlier file
        foreach (var m in rows) m.ReplyTo.Tell(new WorkItemCompleted(m.Item.ItemId, m.Attempt, Result(m.Item.Index)));
        var item2 = work.ExpectMsg<ProcessWorkItem>();
        Assert.Null(item2.Item.SupersededKey); // nothing of item 2 is superseded
        item2.ReplyTo.Tell(new WorkItemCompleted(item2.Item.ItemId, item2.Attempt, Result(2)));
        Assert.Equal([0, 1, 2], compaction.ExpectMsg<CompactDay>().Parts.Select(p => p.ItemIndex));
    }

    [Fact]
    public void A_failed_versions_item_abandons_the_pass_and_the_rows_pass_runs_without_it()
    {
        var (_, work, compaction) = Start(3, Options());
        var v0 = work.ExpectMsg<ProcessWorkItem>();
        var v1 = work.ExpectMsg<ProcessWorkItem>();
        v0.ReplyTo.Tell(new WorkItemFailed(v0.Item.ItemId, v0.Attempt, "cannot read f0.jsonl: boom", "node"));
        Assert.Equal(v1.Item.ItemId, work.ExpectMsg<CancelWorkItem>().ItemId);
        var rows = new[] { work.ExpectMsg<ProcessWorkItem>(), work.ExpectMsg<ProcessWorkItem>() };
        Assert.All(rows, m => Assert.Equal((WorkItemPass.Rows, (string?)null), (m.Item.Pass, m.Item.SupersededKey)));
        // A late answer of the cancelled versions item changes nothing.
        v1.ReplyTo.Tell(new WorkItemCompleted(v1.Item.ItemId, v1.Attempt, Result(1)));
        foreach (var m in rows) m.ReplyTo.Tell(new WorkItemCompleted(m.Item.ItemId, m.Attempt, Result(m.Item.Index)));
        var last = work.ExpectMsg<ProcessWorkItem>();
        Assert.Equal((WorkItemPass.Rows, 2), (last.Item.Pass, last.Item.Index));
        last.ReplyTo.Tell(new WorkItemCompleted(last.Item.ItemId, last.Attempt, Result(2)));
        Assert.Equal([0, 1, 2], compaction.ExpectMsg<CompactDay>().Parts.Select(p => p.ItemIndex));
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
