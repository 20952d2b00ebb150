using System.Reflection;
using System.Text.Json;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>The data scientist's own extractor, loaded by path, and the features command.</summary>
[Collection("processes")]
public sealed class ExtractorTests(GeneratedDaysFixture data) : IClassFixture<GeneratedDaysFixture>
{
    private static string SampleDll
    {
        get
        {
            var configuration = typeof(ExtractorTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var dll = Path.Combine(TestPaths.RepoRoot, "samples", "SeniorityExtractor", "bin", configuration, "net10.0", "AkkaEtl.Samples.Seniority.dll");
            Assert.True(File.Exists(dll), $"{dll} is built with the solution");
            return dll;
        }
    }

    [Fact]
    public async Task A_user_extractor_loaded_by_name_defines_the_table()
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", data.Raw, "--warehouse", wh.Path, "--table", "seniority", "--days", "2020-01-01",
            "--extractor", SampleDll + ":AkkaEtl.Samples.SeniorityExtractor", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        var day = summary.RootElement.GetProperty("days")[0];
        Assert.Equal(data.Lines["2020-01-01"], day.GetProperty("rows").GetInt64() + day.GetProperty("rejected").GetInt64());

        var tables = await EtlCli.RunAsync("tables", "--warehouse", wh.Path, "--json");
        using var tj = JsonDocument.Parse(tables.StdOut);
        Assert.Equal(["job_id", "title", "seniority", "title_words", "mentions_python", "mentions_kubernetes", "source_file", "source_line"],
            tj.RootElement[0].GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var q = await EtlCli.RunAsync("query", "--warehouse", wh.Path, "--format", "json",
            "SELECT count(*) AS n, count(DISTINCT seniority) AS levels, count(*) FILTER (WHERE mentions_python) AS python FROM seniority");
        using var r = JsonDocument.Parse(q.StdOut);
        Assert.Equal(day.GetProperty("committed_rows").GetInt64(), r.RootElement[0].GetProperty("n").GetInt64());
        Assert.True(r.RootElement[0].GetProperty("levels").GetInt64() >= 3);
        Assert.True(r.RootElement[0].GetProperty("python").GetInt64() > 0);
    }

    [Theory]
    [InlineData("AkkaEtl.Coordinator.Program", "does not implement AkkaEtl.Features.IFeatureExtractor")]
    [InlineData("No.Such.Type", "type No.Such.Type not found")]
    public async Task A_type_that_is_not_an_extractor_is_a_clear_error(string type, string message)
    {
        using var wh = new TempDir("wh");
        var run = await EtlCli.RunAsync("run", "--source", data.Raw, "--warehouse", wh.Path, "--table", "t", "--days", "2020-01-01",
            "--extractor", EtlCli.Dll + ":" + type);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr);
    }

    [Fact]
    public async Task A_bad_mapping_is_a_clear_error_before_anything_runs()
    {
        using var dir = new TempDir();
        var mapping = dir.Sub("bad.yaml");
        File.WriteAllText(mapping, "fields:\n  title: \"$..title\"\n");
        var run = await EtlCli.RunAsync("run", "--source", data.Raw, "--warehouse", dir.Sub("wh"), "--table", "t", "--days", "2020-01-01", "--mapping", mapping);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad mapping bad.yaml", run.StdErr);
        Assert.Contains("'id' has no path", run.StdErr);
    }

    [Fact]
    public async Task The_features_command_prints_rows_and_rejects_without_a_cluster()
    {
        var file = Path.Combine(TestPaths.RealJobsRaw, "2026", "03", "03", "hn-whoishiring.jsonl");
        var r = await EtlCli.RunAsync("features", "--file", file, "--mapping", Path.Combine(TestPaths.RepoRoot, "mappings", "hn.yaml"),
            "--limit", "3", "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.StdOut);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.False(string.IsNullOrEmpty(row.GetProperty("job_id").GetString()));
            Assert.Equal(file, row.GetProperty("source_file").GetString());
            Assert.True(row.GetProperty("text_hash_idx").GetArrayLength() > 0);
        });

        var table = await EtlCli.RunAsync("features", "--file", file, "--mapping", Path.Combine(TestPaths.RepoRoot, "mappings", "hn.yaml"), "--limit", "1");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("description_text", table.StdOut);
        Assert.Contains("rows shown", table.StdOut);
    }
}
