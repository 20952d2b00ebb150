using AkkaEtl.Catalog;
using AkkaEtl.Coordinator.Compaction;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Compaction;

/// <summary>The superseded records of a day, from its versions files: compaction's rule, in one sweep or several.</summary>
public class SupersededRecordsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_record_but_the_latest_of_its_key_is_superseded_in_one_sweep_or_many()
    {
        using var dir = new TempDir("superseded");
        var store = new LocalObjectStore(dir.Sub("wh"));
        var rnd = new Random(11);
        var t = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var items = new List<ScannedItem>();
        var all = new List<(int Item, int File, long Line, string Key, DateTime? Updated, DateTime? Posted)>();
        for (var i = 0; i < 4; i++)
        {
            var files = Enumerable.Range(0, 3).Select(f => new SourceFileRef($"2021/01/01/f{i}-{f}.jsonl", 1, "v")).ToList();
            var item = new WorkItem($"jobs|2021-01-01|r1|{i:D5}", "jobs", "2021-01-01", "r1", i, "src", files, "wh", ExtractorSpec.BuiltIn, 100_000);
            var entries = new List<VersionEntry>();
            for (var f = 0; f < files.Count; f++)
                for (var line = 1L; line <= 200; line++)
                {
                    // 300 keys over 2,400 records; times often equal, so files and lines decide too.
                    var key = $"job-{rnd.Next(300)}";
                    DateTime? updated = rnd.Next(3) == 0 ? null : t.AddMinutes(rnd.Next(4));
                    DateTime? posted = rnd.Next(4) == 0 ? null : t.AddMinutes(rnd.Next(2));
                    all.Add((i, f, line, key, updated, posted));
                    entries.Add(VersionEntry.Of(new RecordVersion(key, updated, posted), f, line));
                }
            var bytes = new byte[entries.Count * VersionEntry.Bytes];
            for (var e = 0; e < entries.Count; e++) entries[e].Write(bytes.AsSpan(e * VersionEntry.Bytes));
            var versionsKey = CatalogKeys.Versions("jobs", "2021-01-01", "r1", i);
            await store.PutAsync(versionsKey, bytes, Ct);
            items.Add(new ScannedItem(item, versionsKey, entries.Count));
        }

        // The reference: per key, the latest by (updated_at, posted_at, file, line); every other record is superseded.
        var expected = all.GroupBy(r => r.Key)
            .SelectMany(g => g.OrderByDescending(r => r.Updated ?? DateTime.MinValue).ThenByDescending(r => r.Posted ?? DateTime.MinValue)
                .ThenByDescending(r => items[r.Item].Item.Files[r.File].Key, StringComparer.Ordinal).ThenByDescending(r => r.Line).Skip(1))
            .ToLookup(r => r.Item, r => (r.File, r.Line));
        Assert.Equal(2400 - 300, expected.Sum(g => g.Count()));

        foreach (var maxKeys in new[] { 1 << 19, 70 })
        {
            var keys = await SupersededRecords.FindAsync(store, items, dir.Sub($"scratch-{maxKeys}"), Ct, maxKeys);
            Assert.Equal(4, keys.Count);
            for (var i = 0; i < 4; i++)
            {
                var superseded = SupersededLines.Decode(await store.TryGetAsync(keys[i], Ct) ?? throw new InvalidOperationException("missing"));
                Assert.Equal(expected[i].Count(), superseded.Count);
                Assert.All(expected[i], r => Assert.True(superseded.Contains(r.File, r.Line), $"item {i} file {r.File} line {r.Line}"));
            }
            Assert.False(Directory.Exists(dir.Sub($"scratch-{maxKeys}")));
        }
    }
}
