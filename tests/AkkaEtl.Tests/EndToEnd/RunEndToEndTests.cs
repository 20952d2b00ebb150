using System.Text.Json;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>The user's commands, run as processes on generated days: generate → run → query / tables / partitions.</summary>
[Collection("processes")]
public sealed class RunEndToEndTests(GeneratedDaysFixture data) : IClassFixture<GeneratedDaysFixture>
{
    [Fact]
    public async Task Run_commits_every_day_and_every_input_line_is_a_row_or_a_reject()
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", data.Raw, "--warehouse", wh.Path, "--table", "jobs",
            "--days", GeneratedDaysFixture.Days, "--json", "--no-dedup");
        Assert.True(run.ExitCode == 0, run.ToString());

        using var summary = JsonDocument.Parse(run.StdOut);
        var days = summary.RootElement.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2020-01-01", "2020-01-02", "2020-01-03"], days.Select(d => d.GetProperty("day").GetString()));
        foreach (var d in days)
        {
            var day = d.GetProperty("day").GetString()!;
            Assert.Equal("committed", d.GetProperty("state").GetString());
            Assert.Equal(6, d.GetProperty("files").GetInt32());
            var lines = d.GetProperty("lines").GetInt64();
            Assert.Equal(data.Lines[day], lines);
            Assert.Equal(lines, d.GetProperty("rows").GetInt64() + d.GetProperty("rejected").GetInt64());
            Assert.True(d.GetProperty("rejected").GetInt64() > 0, "the generated data has malformed lines");
            Assert.Equal(d.GetProperty("rows").GetInt64(), d.GetProperty("committed_rows").GetInt64());
        }
        var total = summary.RootElement.GetProperty("total");
        Assert.Equal(data.Lines.Values.Sum(), total.GetProperty("lines").GetInt64());

        // The files on disk, read by DuckDB directly, hold exactly the committed rows, one per source line.
        var files = Directory.GetFiles(wh.Sub("jobs"), "*.parquet", SearchOption.AllDirectories);
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.Matches(@"day_partition=2020-01-0\d[/\\]part-v\w+-00000\.snappy\.parquet$", f));
        var glob = Duck.Path(wh.Sub("jobs", "*", "*.parquet"));
        var rows = Duck.Scalar<long>($"SELECT count(*) FROM read_parquet({glob})");
        Assert.Equal(days.Sum(d => d.GetProperty("rows").GetInt64()), rows);
        Assert.Equal(rows, Duck.Scalar<long>($"SELECT count(DISTINCT (source_file, source_line)) FROM read_parquet({glob})"));
        Assert.Equal("SNAPPY", Duck.Rows($"SELECT DISTINCT compression FROM parquet_metadata({glob})").Single()[0]);

        // Rejects carry file, line, reason and the raw line.
        var rejectFiles = Directory.GetFiles(wh.Sub("_rejects", "jobs"), "*.jsonl", SearchOption.AllDirectories);
        var rejects = rejectFiles.SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(days.Sum(d => d.GetProperty("rejected").GetInt64()), rejects.Count);
        Assert.All(rejects, r =>
        {
            Assert.EndsWith(".jsonl", r.GetProperty("file").GetString()!.Replace(".gz", ""));
            Assert.True(r.GetProperty("line").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString()));
            Assert.True(r.GetProperty("raw").GetString()!.Length <= 4096);
        });

        // SQL through the catalog agrees, per day.
        var query = await EtlCli.RunAsync("query", "--warehouse", wh.Path, "--format", "csv",
            "SELECT day_partition, count(*) FROM jobs GROUP BY 1 ORDER BY 1");
        Assert.True(query.ExitCode == 0, query.ToString());
        var expected = "day_partition,count_star()\n" + string.Join("\n", days.Select(d => $"{d.GetProperty("day").GetString()},{d.GetProperty("rows").GetInt64()}")) + "\n";
        Assert.Equal(expected, query.StdOut.ReplaceLineEndings("\n"));

        // Pruning: a day range reads only those partitions.
        var pruned = await EtlCli.RunAsync("query", "--warehouse", wh.Path, "--format", "json",
            "SELECT count(*) AS n FROM jobs WHERE day_partition BETWEEN '2020-01-02' AND '2020-01-03'");
        using (var pj = JsonDocument.Parse(pruned.StdOut))
            Assert.Equal(days.Skip(1).Sum(d => d.GetProperty("rows").GetInt64()), pj.RootElement[0].GetProperty("n").GetInt64());

        // Every partition is listed, with its files and lineage.
        var parts = await EtlCli.RunAsync("partitions", "--warehouse", wh.Path, "--table", "jobs", "--json");
        Assert.True(parts.ExitCode == 0, parts.ToString());
        using (var pj = JsonDocument.Parse(parts.StdOut))
        {
            var list = pj.RootElement.EnumerateArray().ToList();
            Assert.Equal(["2020-01-01", "2020-01-02", "2020-01-03"], list.Select(p => p.GetProperty("day").GetString()));
            foreach (var (p, d) in list.Zip(days))
            {
                Assert.Equal(d.GetProperty("rows").GetInt64(), p.GetProperty("rows").GetInt64());
                Assert.Equal(6, p.GetProperty("lineage").GetProperty("source_files").GetInt32());
                var file = p.GetProperty("files")[0].GetProperty("key").GetString()!;
                Assert.True(File.Exists(Path.Combine(wh.Path, file)), file);
            }
        }

        var tables = await EtlCli.RunAsync("tables", "--warehouse", wh.Path, "--json");
        using (var tj = JsonDocument.Parse(tables.StdOut))
        {
            var t = Assert.Single(tj.RootElement.EnumerateArray().ToList());
            Assert.Equal("jobs", t.GetProperty("name").GetString());
            Assert.Equal(3, t.GetProperty("partitions").GetInt32());
            Assert.Contains(t.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "text_hash_idx");
        }

        // Nothing left behind: no staging parts, no scratch files.
        Assert.Empty(Directory.Exists(wh.Sub("_staging")) ? Directory.GetFiles(wh.Sub("_staging"), "*", SearchOption.AllDirectories) : []);
        Assert.Empty(Directory.Exists(wh.Sub("_tmp")) ? Directory.GetFiles(wh.Sub("_tmp"), "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task The_versions_pass_lets_compaction_copy_every_row_group_and_the_same_rows_are_committed()
    {
        using var wh = new TempDir("wh");
        async Task<JsonElement> Run(string warehouse, params string[] extra)
        {
            // One file an item: the older versions of a job are in other items' parts.
            var run = await EtlCli.RunAsync(["run", "--source", data.Raw, "--warehouse", warehouse, "--table", "jobs", "--days", "2020-01-02",
                "--target-item-size", "1", "--json", .. extra]);
            Assert.True(run.ExitCode == 0, run.ToString());
            return JsonDocument.Parse(run.StdOut).RootElement.GetProperty("days")[0].Clone();
        }
        var with = await Run(wh.Sub("with"));
        var without = await Run(wh.Sub("without"), "--no-version-pass");

        var duplicates = with.GetProperty("duplicates_dropped").GetInt64();
        Assert.True(duplicates > 0, "the generated day has older versions of jobs");
        Assert.Equal(duplicates, without.GetProperty("duplicates_dropped").GetInt64());
        Assert.Equal(with.GetProperty("rows").GetInt64() - duplicates, with.GetProperty("committed_rows").GetInt64());
        Assert.Equal(without.GetProperty("committed_rows").GetInt64(), with.GetProperty("committed_rows").GetInt64());
        Assert.True(with.GetProperty("version_pass_seconds").GetDouble() > 0);
        Assert.Equal(0, without.GetProperty("version_pass_seconds").GetDouble());
        // Every part's main row group loses a row without the pass; with it, only the superseded rows' groups go, whole.
        Assert.Equal(0, with.GetProperty("row_groups_rewritten").GetInt32());
        Assert.Equal(6, with.GetProperty("row_groups_copied").GetInt32());
        Assert.Equal(6, without.GetProperty("row_groups_rewritten").GetInt32());
        // With the pass, compaction copied the parts before it read their keys, and the keys agreed.
        Assert.Equal("used", with.GetProperty("early_copy").GetString());
        Assert.Equal("not_tried", without.GetProperty("early_copy").GetString());

        // The same rows, value for value.
        string Files(string w) => $"read_parquet({Duck.Path(Path.Combine(w, "jobs", "*", "*.parquet"))})";
        Assert.Equal(with.GetProperty("committed_rows").GetInt64(), Duck.Scalar<long>($"SELECT count(*) FROM {Files(wh.Sub("with"))}"));
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {Files(wh.Sub("with"))} EXCEPT ALL SELECT * FROM {Files(wh.Sub("without"))})"));
        Assert.Equal(0L, Duck.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {Files(wh.Sub("without"))} EXCEPT ALL SELECT * FROM {Files(wh.Sub("with"))})"));
        // The staging files of both passes are gone after the commit.
        Assert.Empty(Directory.GetFiles(wh.Sub("with"), "*.bin", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task When_the_versions_pass_and_extraction_disagree_the_early_copy_is_discarded_and_the_right_rows_are_committed()
    {
        using var dir = new TempDir("disagree");
        string Line(string id, string updated, string description, string tail = "") =>
            $$"""{"id":"{{id}}","title":"Data Engineer","company":"Acme","updated_at":"{{updated}}","description":"{{description}}"{{tail}}}""";
        var folder = dir.Sub("raw", "2020", "01", "05");
        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, "a.jsonl"),
            [Line("job-1", "2020-01-05T08:00:00Z", "first version"), Line("job-2", "2020-01-05T08:00:00Z", "only version")]);
        // The newer version of job-1 is not JSON ('tru'): the versions reader, which does not validate, reads its key
        // and date and supersedes the first version; extraction rejects it, so compaction keeps the first version.
        await File.WriteAllLinesAsync(Path.Combine(folder, "b.jsonl"),
            [Line("job-1", "2020-01-05T09:00:00Z", "second version", ",\"flag\":tru"), Line("job-3", "2020-01-05T08:00:00Z", "only version")]);

        var run = await EtlCli.RunAsync("run", "--source", dir.Sub("raw"), "--warehouse", dir.Sub("wh"), "--table", "jobs", "--days", "2020-01-05",
            "--target-item-size", "1", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var day = JsonDocument.Parse(run.StdOut).RootElement.GetProperty("days")[0];
        Assert.Equal(1, day.GetProperty("rejected").GetInt64());
        Assert.Equal("discarded", day.GetProperty("early_copy").GetString());
        var files = $"read_parquet({Duck.Path(dir.Sub("wh", "jobs", "*", "*.parquet"))})";
        Assert.Equal("job-1=first version;job-2=only version;job-3=only version",
            Duck.Scalar<string>($"SELECT string_agg(job_id || '=' || description_text, ';' ORDER BY job_id) FROM {files}"));
    }

    [Fact]
    public async Task A_small_row_limit_splits_each_day_into_files_within_the_limit()
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", data.Raw, "--warehouse", wh.Path, "--table", "jobs",
            "--days", "2020-01-02", "--max-rows-per-file", "250", "--target-item-size", "200KiB", "--json", "--no-dedup");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        var rows = summary.RootElement.GetProperty("days")[0].GetProperty("rows").GetInt64();
        var files = Directory.GetFiles(wh.Sub("jobs", "day_partition=2020-01-02"), "*.parquet");
        Assert.True(files.Length >= (int)Math.Ceiling(rows / 250.0), $"{files.Length} files for {rows} rows");
        long total = 0;
        foreach (var f in files)
        {
            var n = Duck.Scalar<long>($"SELECT count(*) FROM read_parquet({Duck.Path(f)})");
            Assert.InRange(n, 1, 250);
            total += n;
        }
        Assert.Equal(rows, total);
    }

    [Fact]
    public async Task An_empty_day_is_reported_as_empty_and_is_not_an_error()
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", data.Raw, "--warehouse", wh.Path, "--table", "jobs", "--days", "2020-01-03..2020-01-04", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        Assert.Equal(["committed", "empty"], summary.RootElement.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("state").GetString()));
    }

    [Theory]
    [InlineData("--days", "2020-13-01")]
    [InlineData("--days", "2020-01-03..2020-01-01")]
    [InlineData("--bogus", "1")]
    [InlineData("--table", "no-dashes")]
    public async Task Bad_flags_exit_2_with_a_message(string flag, string value)
    {
        using var wh = new TempDir("wh");
        var args = new Dictionary<string, string> { ["--source"] = data.Raw, ["--warehouse"] = wh.Path, ["--table"] = "jobs", ["--days"] = "2020-01-01" };
        args[flag] = value;
        var run = await EtlCli.RunAsync(["run", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })], null, TimeSpan.FromMinutes(1));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("akkaetl run:", run.StdErr);
    }

    [Fact]
    public async Task A_missing_source_exits_2_and_names_it()
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", wh.Sub("nope"), "--warehouse", wh.Path, "--table", "jobs", "--days", "2020-01-01");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(wh.Sub("nope"), run.StdErr);
        Assert.Contains("does not exist", run.StdErr);
    }
}
