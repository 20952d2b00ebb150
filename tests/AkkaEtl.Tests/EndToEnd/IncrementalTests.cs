using System.Text;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>Resubmitted days process only what is new, replace what changed, and keep one row per job.</summary>
[Collection("processes")]
public sealed class IncrementalTests : IAsyncLifetime
{
    private const string Day = "2022-03-04";
    private readonly TempDir _dir = new("incr");
    private InProcessEtl _etl = null!;

    public async ValueTask InitializeAsync() => _etl = await InProcessEtl.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _etl.DisposeAsync();
        _dir.Dispose();
    }

    private string Raw => _dir.Sub("raw");
    private string Wh => _dir.Sub("wh");
    private RunOptions Options(bool full = false) => new(Raw, Wh, ExtractorSpec.BuiltIn) { Full = full };

    private void Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(Raw, "2022", "03", "04", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        // A rewrite within the same clock tick must still look changed.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Random.Shared.Next(1, 1000)));
    }

    private static IEnumerable<string> Jobs(int from, int count, string title = "Engineer", string updated = "2022-03-04T10:00:00Z") =>
        Enumerable.Range(from, count).Select(i => $"{{\"id\":\"job-{i}\",\"title\":\"{title} {i}\",\"updated_at\":\"{updated}\"}}");

    private async Task<long> Count(string where = "true") =>
        Convert.ToInt64((await InProcessEtl.QueryAsync(Wh, $"SELECT count(*) FROM jobs WHERE {where}"))[0][0]);

    private IReadOnlyList<string> ReadsOf() => _etl.Stores.TakeReads().Select(k => Path.GetFileName(k)).Order().ToList();

    [Fact]
    public async Task Only_new_files_are_read_and_the_day_holds_old_and_new_rows()
    {
        Write("a.jsonl", Jobs(0, 100));
        Write("b.jsonl", Jobs(100, 100));
        var first = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((DayState.Committed, false, 200L), (first.State, first.Incremental, first.CommittedRows));
        // A full day is read twice: the versions pass, then the rows. An incremental run reads its new files once.
        Assert.Equal(["a.jsonl", "a.jsonl", "b.jsonl", "b.jsonl"], ReadsOf());

        Write("c.jsonl", Jobs(200, 50));
        var second = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((DayState.Committed, true, 1, 250L), (second.State, second.Incremental, second.FilesToProcess, second.CommittedRows));
        Assert.Equal(["c.jsonl"], ReadsOf());
        Assert.Equal(250, await Count());
        Assert.Equal(250, await Count("job_id IS NOT NULL AND source_line > 0"));

        var unchanged = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((DayState.Committed, 0, 250L, second.Version), (unchanged.State, unchanged.FilesToProcess, unchanged.CommittedRows, unchanged.Version));
        Assert.Empty(ReadsOf());

        var full = await _etl.RunDayAsync("jobs", Day, Options(full: true));
        Assert.Equal((false, 3, 250L), (full.Incremental, full.FilesToProcess, full.CommittedRows));
        Assert.Equal(["a.jsonl", "a.jsonl", "b.jsonl", "b.jsonl", "c.jsonl", "c.jsonl"], ReadsOf());
    }

    [Fact]
    public async Task A_changed_file_replaces_its_rows_and_a_deleted_file_takes_its_rows_along()
    {
        Write("a.jsonl", Jobs(0, 100));
        Write("b.jsonl", Jobs(100, 100));
        await _etl.RunDayAsync("jobs", Day, Options());
        ReadsOf();

        Write("a.jsonl", Jobs(0, 40, title: "Manager", updated: "2022-03-04T12:00:00Z"));
        var changed = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((1, 1, 140L), (changed.FilesToProcess, changed.FilesRemoved, changed.CommittedRows));
        Assert.Equal(["a.jsonl"], ReadsOf());
        Assert.Equal(140, await Count());
        Assert.Equal(40, await Count("title LIKE 'Manager %' AND source_file LIKE '%a.jsonl'"));
        Assert.Equal(0, await Count("title LIKE 'Engineer %' AND source_file LIKE '%a.jsonl'"));

        File.Delete(Path.Combine(Raw, "2022", "03", "04", "b.jsonl"));
        var deleted = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((0, 1, 40L), (deleted.FilesToProcess, deleted.FilesRemoved, deleted.CommittedRows));
        Assert.Empty(ReadsOf());
        Assert.Equal(40, await Count());
        Assert.Equal(0, await Count("source_file LIKE '%b.jsonl'"));
    }

    [Fact]
    public async Task The_same_job_in_three_files_leaves_one_row_with_the_latest_values()
    {
        Write("1.jsonl", ["""{"id":"X","title":"First","updated_at":"2022-03-04T08:00:00Z","salary":"$100k"}""", .. Jobs(0, 10)]);
        Write("2.jsonl", ["""{"id":"X","title":"Latest","updated_at":"2022-03-04T11:00:00Z","salary":"$120k"}""", .. Jobs(10, 10)]);
        Write("3.jsonl", ["""{"id":"X","title":"Middle","updated_at":"2022-03-04T09:30:00Z","salary":"$110k"}""", .. Jobs(20, 10)]);
        var day = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((33L, 2L, 31L), (day.Rows, day.DuplicatesDropped, day.CommittedRows));
        var x = await InProcessEtl.QueryAsync(Wh, "SELECT title, salary_min, source_file FROM jobs WHERE job_id = 'X'");
        var row = Assert.Single(x);
        Assert.Equal("Latest", row[0]);
        Assert.Equal(120000.0, row[1]);

        // Updated again in a new file: the incremental run replaces the carried row.
        Write("4.jsonl", ["""{"id":"X","title":"Newest","updated_at":"2022-03-04T15:00:00Z"}"""]);
        var again = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal((true, 31L, 1L), (again.Incremental, again.CommittedRows, again.DuplicatesDropped));
        Assert.Equal("Newest", (await InProcessEtl.QueryAsync(Wh, "SELECT title FROM jobs WHERE job_id = 'X'")).Single()[0]);
    }

    [Fact]
    public async Task Replaced_files_stay_for_the_retention_time_and_go_when_it_is_over()
    {
        await _etl.DisposeAsync();
        _etl = await InProcessEtl.StartAsync(new AkkaEtl.Coordinator.Actors.CoordinatorSettings { RetainReplaced = TimeSpan.FromHours(1) });
        var folder = Path.Combine(Wh, "jobs", "day_partition=2022-03-04");
        Write("a.jsonl", Jobs(0, 10));
        var v1 = await _etl.RunDayAsync("jobs", Day, Options());
        var v1Files = Directory.GetFiles(folder).ToHashSet();

        Write("b.jsonl", Jobs(10, 10));
        var v2 = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.NotEqual(v1.Version, v2.Version);
        Assert.Subset(Directory.GetFiles(folder).ToHashSet(), v1Files); // still there for running queries
        Assert.Equal(20, await Count());                                // but not in the table
        var trash = Path.Combine(Wh, "_catalog", "trash", "jobs", "day_partition=2022-03-04", v2.Version + ".json");
        var entry = System.Text.Json.JsonSerializer.Deserialize<AkkaEtl.Catalog.TrashEntry>(File.ReadAllBytes(trash), AkkaEtl.Catalog.CatalogStore.Json)!;
        Assert.True(entry.NotBefore > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Contains(entry.Keys, k => v1Files.Contains(Path.Combine(Wh, k.Replace('/', Path.DirectorySeparatorChar))));

        // The hour is over: the next commit empties the trash.
        File.WriteAllBytes(trash, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(entry with { NotBefore = DateTimeOffset.UtcNow.AddSeconds(-1) }, AkkaEtl.Catalog.CatalogStore.Json));
        Write("c.jsonl", Jobs(20, 10));
        await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Empty(v1Files.Intersect(Directory.GetFiles(folder)));
        Assert.False(File.Exists(trash));
        Assert.Equal(30, await Count());
    }

    [Fact]
    public async Task Ties_on_time_go_to_the_latest_source_file_then_line()
    {
        Write("a.jsonl", ["""{"id":"T","title":"in a"}""", """{"id":"U","title":"u first"}""", """{"id":"U","title":"u second"}"""]);
        Write("b.jsonl", ["""{"id":"T","title":"in b"}"""]);
        var day = await _etl.RunDayAsync("jobs", Day, Options());
        Assert.Equal(2, day.CommittedRows);
        var rows = await InProcessEtl.QueryAsync(Wh, "SELECT job_id, title FROM jobs ORDER BY 1");
        Assert.Equal(["in b", "u second"], rows.Select(r => (string)r[1]!));
    }
}
