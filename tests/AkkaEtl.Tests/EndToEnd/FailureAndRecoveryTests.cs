using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

[Collection("processes")]
public sealed class FailureAndRecoveryTests(GeneratedDaysFixture data) : IClassFixture<GeneratedDaysFixture>
{
    private static void WriteDay(string root, string day, params (string Name, byte[] Content)[] files)
    {
        var dir = Path.Combine(root, day.Replace('-', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files) File.WriteAllBytes(Path.Combine(dir, name), content);
    }

    private static byte[] Lines(int from, int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(from, count).Select(i => $"{{\"id\":\"j{i}\",\"title\":\"Engineer {i}\"}}\n")));

    private static byte[] Gzip(byte[] content)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content);
        return ms.ToArray();
    }

    [Fact]
    public async Task An_unreadable_file_fails_its_day_with_a_message_naming_it_and_commits_nothing()
    {
        using var dir = new TempDir();
        var truncated = Gzip(Lines(0, 5000))[..300];
        WriteDay(dir.Sub("raw"), "2021-05-01", ("good.jsonl", Lines(0, 100)), ("broken.jsonl.gz", truncated));
        WriteDay(dir.Sub("raw"), "2021-05-02", ("fine.jsonl", Lines(0, 50)));

        var run = await EtlCli.RunAsync("run", "--source", dir.Sub("raw"), "--warehouse", dir.Sub("wh"), "--table", "jobs",
            "--days", "2021-05-01..2021-05-02", "--attempts", "2", "--json");
        Assert.True(run.ExitCode == 1, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        var days = summary.RootElement.GetProperty("days");
        Assert.Equal("failed", days[0].GetProperty("state").GetString());
        Assert.Contains("broken.jsonl.gz", days[0].GetProperty("error").GetString());
        Assert.Equal("committed", days[1].GetProperty("state").GetString());
        Assert.False(Directory.Exists(dir.Sub("wh", "jobs", "day_partition=2021-05-01")));
        Assert.False(File.Exists(dir.Sub("wh", "_catalog", "partitions", "jobs", "day_partition=2021-05-01.json")));

        // --allow-partial commits what could be read and still names the file that could not.
        var partial = await EtlCli.RunAsync("run", "--source", dir.Sub("raw"), "--warehouse", dir.Sub("wh"), "--table", "jobs",
            "--days", "2021-05-01", "--attempts", "1", "--allow-partial", "--target-item-size", "1KiB", "--json");
        Assert.True(partial.ExitCode == 0, partial.ToString());
        using var ps = JsonDocument.Parse(partial.StdOut);
        var day = ps.RootElement.GetProperty("days")[0];
        Assert.Equal("committed", day.GetProperty("state").GetString());
        Assert.Equal(100, day.GetProperty("committed_rows").GetInt64());
        Assert.Contains(day.GetProperty("failed_files").EnumerateArray(), f => f.GetString()!.EndsWith("broken.jsonl.gz"));
    }

    [Theory]
    [InlineData("compaction-after-publish")]
    [InlineData("compaction-after-commit")]
    public async Task Killed_during_re_compaction_the_previous_version_stays_readable_and_the_next_run_recovers(string fault)
    {
        using var dir = new TempDir("crash");
        var day = dir.Sub("raw", "2020", "01", "01");
        Directory.CreateDirectory(day);
        foreach (var f in Directory.GetFiles(Path.Combine(data.Raw, "2020", "01", "01"))) File.Copy(f, Path.Combine(day, Path.GetFileName(f)));
        string[] run = ["run", "--source", dir.Sub("raw"), "--warehouse", dir.Sub("wh"), "--table", "jobs", "--days", "2020-01-01", "--json"];
        var first = await EtlCli.RunAsync(run);
        Assert.True(first.ExitCode == 0, first.ToString());
        const string count = "SELECT count(*) AS n, count(DISTINCT (source_file, source_line)) AS d, count(DISTINCT job_id) AS ids FROM jobs";
        var before = await QueryJson(dir.Sub("wh"), count);

        // New files arrive; the incremental run is killed while it re-compacts the day.
        var extra = Directory.GetFiles(Path.Combine(data.Raw, "2020", "01", "02")).Order().First();
        File.Copy(extra, Path.Combine(day, "late-" + Path.GetFileName(extra)));
        var crashed = await EtlCli.RunAsync(run, new Dictionary<string, string> { ["AKKAETL_FAULT"] = fault }, TimeSpan.FromMinutes(4));
        Assert.NotEqual(0, crashed.ExitCode);
        Assert.Contains($"fault injection: killing the process at '{fault}'", crashed.StdErr);
        var during = await QueryJson(dir.Sub("wh"), count);
        if (fault == "compaction-after-publish") Assert.Equal(before, during); // not committed: the previous version, whole

        var again = await EtlCli.RunAsync(run);
        Assert.True(again.ExitCode == 0, again.ToString());
        var after = await QueryJson(dir.Sub("wh"), count);

        // The same as processing everything from scratch: whole, and nothing twice.
        var reference = await EtlCli.RunAsync("run", "--source", dir.Sub("raw"), "--warehouse", dir.Sub("wh2"), "--table", "jobs", "--days", "2020-01-01", "--json");
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.Equal(await QueryJson(dir.Sub("wh2"), count), after);
        Assert.NotEqual(before, after);
        if (fault == "compaction-after-commit") Assert.Equal(after, during); // committed before the crash

        // Only the committed version's files remain in the partition folder, and no staging is left.
        var listed = JsonDocument.Parse(File.ReadAllText(dir.Sub("wh", "_catalog", "partitions", "jobs", "day_partition=2020-01-01.json")))
            .RootElement.GetProperty("files").EnumerateArray().Select(f => Path.GetFullPath(Path.Combine(dir.Sub("wh"), f.GetProperty("key").GetString()!))).ToHashSet();
        Assert.Equal(listed, Directory.GetFiles(dir.Sub("wh", "jobs", "day_partition=2020-01-01")).Select(Path.GetFullPath).ToHashSet());
        Assert.Empty(Directory.Exists(dir.Sub("wh", "_staging")) ? Directory.GetFiles(dir.Sub("wh", "_staging"), "*", SearchOption.AllDirectories) : []);
    }

    private static async Task<string> QueryJson(string wh, string sql)
    {
        var q = await EtlCli.RunAsync("query", "--warehouse", wh, "--format", "json", sql);
        Assert.True(q.ExitCode == 0, q.ToString());
        return q.StdOut;
    }
}

[Collection("processes")]
public sealed class RealPostingsTests
{
    [Fact]
    public async Task The_real_HN_postings_run_end_to_end_with_the_shipped_mapping()
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", TestPaths.RealJobsRaw, "--warehouse", wh.Path, "--table", "jobs",
            "--mapping", Path.Combine(TestPaths.RepoRoot, "mappings", "hn.yaml"), "--days", "2026-01-02..2026-03-15", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        var days = summary.RootElement.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(73, days.Count);
        var committed = days.Where(d => d.GetProperty("state").GetString() == "committed").ToList();
        Assert.Equal(51, committed.Count);
        Assert.All(days.Except(committed), d => Assert.Equal("empty", d.GetProperty("state").GetString()));
        var lines = RawData.LinesPerDay(TestPaths.RealJobsRaw);
        foreach (var d in committed)
        {
            var day = d.GetProperty("day").GetString()!;
            Assert.Equal(lines[day], d.GetProperty("lines").GetInt64());
            Assert.Equal(d.GetProperty("lines").GetInt64(), d.GetProperty("rows").GetInt64() + d.GetProperty("rejected").GetInt64());
        }
        Assert.Equal(1048, summary.RootElement.GetProperty("total").GetProperty("lines").GetInt64());

        var q = await EtlCli.RunAsync("query", "--warehouse", wh.Path, "--format", "json",
            "SELECT count(*) AS n, count(DISTINCT job_id) AS ids, min(day_partition) AS first, max(day_partition) AS last, " +
            "count(*) FILTER (WHERE posted_at IS NULL) AS no_time, count(*) FILTER (WHERE strftime(posted_at AT TIME ZONE 'UTC', '%Y-%m-%d') <> day_partition) AS wrong_day FROM jobs");
        using var r = JsonDocument.Parse(q.StdOut);
        var row = r.RootElement[0];
        Assert.Equal(1048, row.GetProperty("n").GetInt64());
        Assert.Equal(1048, row.GetProperty("ids").GetInt64());
        Assert.Equal("2026-01-02", row.GetProperty("first").GetString());
        Assert.Equal("2026-03-15", row.GetProperty("last").GetString());
        Assert.Equal(0, row.GetProperty("no_time").GetInt64());
        Assert.Equal(0, row.GetProperty("wrong_day").GetInt64());
    }
}
