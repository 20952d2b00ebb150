using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Actors;

public class DayPlannerTests
{
    [Fact]
    public void Packs_small_files_up_to_the_target_and_puts_a_big_file_alone()
    {
        var files = new List<SourceFileRef>();
        for (var i = 0; i < 10; i++) files.Add(new SourceFileRef($"2020/01/01/a-{i:D2}.jsonl", 30, "v"));
        files.Add(new SourceFileRef("2020/01/01/b-big.jsonl", 500, "v"));
        files.Add(new SourceFileRef("2020/01/01/c.jsonl.gz", 30, "v")); // counts as 120
        var items = DayPlanner.Pack(files, targetBytes: 100, maxFiles: 100);
        Assert.Equal([3, 3, 3, 1, 1, 1], items.Select(i => i.Count));
        Assert.Equal("2020/01/01/b-big.jsonl", Assert.Single(items[4]).Key);
        Assert.Equal(files, items.SelectMany(i => i));
    }

    [Fact]
    public void Caps_the_number_of_files_per_item()
    {
        var files = Enumerable.Range(0, 50_000).Select(i => new SourceFileRef($"k{i:D6}", 1, "v")).ToList();
        var items = DayPlanner.Pack(files, targetBytes: 64L << 20, maxFiles: 1000);
        Assert.Equal(50, items.Count);
        Assert.All(items, i => Assert.Equal(1000, i.Count));
    }

    [Fact]
    public async Task Discovers_raw_files_recursively_in_the_day_folder_only()
    {
        using var dir = new TempDir();
        foreach (var f in new[] { "2020/01/01/a.jsonl", "2020/01/01/sub/b.json", "2020/01/01/c.jsonl.gz", "2020/01/01/d.gz",
                     "2020/01/01/notes.txt", "2020/01/01/_SUCCESS", "2020/01/01/.hidden.jsonl", "2020/01/02/e.jsonl" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir.Sub(f))!);
            File.WriteAllText(dir.Sub(f), "{}\n");
        }
        var found = await DayPlanner.DiscoverAsync(new LocalObjectStore(dir.Path), new DateOnly(2020, 1, 1), CancellationToken.None);
        Assert.Equal(["2020/01/01/a.jsonl", "2020/01/01/c.jsonl.gz", "2020/01/01/d.gz", "2020/01/01/sub/b.json"], found.Select(f => f.Key));
    }
}
