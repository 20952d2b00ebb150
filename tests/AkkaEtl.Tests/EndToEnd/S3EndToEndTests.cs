using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using AkkaEtl.Glue;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>The whole job against a live S3 API (moto on loopback): run, Glue, query, ddl, and faults.</summary>
[Collection("processes")]
public sealed class S3EndToEndTests : IClassFixture<MotoServerFixture>, IDisposable
{
    private readonly MotoServerFixture _moto;
    private readonly TempDir _dir = new("s3e2e");

    public S3EndToEndTests(MotoServerFixture moto) => _moto = moto;

    public void Dispose() => _dir.Dispose();

    private Dictionary<string, string> Env(string? endpoint = null) => new()
    {
        ["AWS_ENDPOINT_URL"] = endpoint ?? _moto.EndpointUrl,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AKKAETL_CACHE"] = _dir.Sub("cache"),
        // Parts and files are small here: force multipart uploads so they are exercised.
        ["AKKAETL_S3_MULTIPART_THRESHOLD"] = "5MiB",
        ["AKKAETL_S3_PART_SIZE"] = "5MiB",
    };

    private Task<CliResult> Cli(Dictionary<string, string> env, params string[] args) => EtlCli.RunAsync(args, env, TimeSpan.FromMinutes(5));

    private async Task UploadFolderAsync(string bucket, string prefix, string folder)
    {
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => prefix + Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes);
        await _moto.PutObjectsAsync(bucket, files.Keys, k => files[k]);
    }

    private async Task<int> IncompleteUploadsAsync(string bucket) =>
        (await _moto.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads?.Count ?? 0;

    [Fact]
    public async Task A_day_of_1500_objects_runs_from_S3_to_S3_like_local_files_and_registers_in_Glue()
    {
        var raw = _dir.Sub("raw");
        var gen = await EtlCli.RunAsync("generate", "--out", raw, "--days", "2020-01-01", "--files", "1500", "--records-per-file", "12",
            "--seed", "11", "--gzip-fraction", "0.2", "--malformed-fraction", "0.01");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        Assert.Contains(Directory.GetFiles(raw, "*.gz", SearchOption.AllDirectories), f => f.EndsWith(".jsonl.gz"));
        var bucket = await _moto.CreateBucketAsync("data");
        await UploadFolderAsync(bucket, "raw-data/", raw);
        var env = Env();
        string[] common = ["--table", "jobs", "--days", "2020-01-01", "--json", "--max-rows-per-file", "5000", "--target-item-size", "2MiB"];

        var s3Run = await Cli(env, ["run", "--source", $"s3://{bucket}/raw-data", "--warehouse", $"s3://{bucket}/processed", "--glue-database", "etl", .. common]);
        Assert.True(s3Run.ExitCode == 0, s3Run.ToString());
        var localRun = await EtlCli.RunAsync(["run", "--source", raw, "--warehouse", _dir.Sub("wh"), .. common]);
        Assert.True(localRun.ExitCode == 0, localRun.ToString());
        using (var s3 = JsonDocument.Parse(s3Run.StdOut))
        using (var local = JsonDocument.Parse(localRun.StdOut))
        {
            var a = s3.RootElement.GetProperty("days")[0];
            var b = local.RootElement.GetProperty("days")[0];
            Assert.Equal(1500, a.GetProperty("files").GetInt32());
            foreach (var field in new[] { "files", "lines", "rows", "rejected", "duplicates_dropped", "committed_rows", "output_files" })
                Assert.True(b.GetProperty(field).GetInt64() == a.GetProperty(field).GetInt64(), $"{field}: S3 {a.GetProperty(field)} local {b.GetProperty(field)}");
            Assert.True(a.GetProperty("committed_rows").GetInt64() > 5000, "more rows than one file holds");
        }

        // Objects under the expected keys, each within the row limit; no incomplete multipart upload left.
        var listed = await _moto.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "processed/jobs/day_partition=2020-01-01/" });
        var keys = listed.S3Objects!.Select(o => o.Key).ToList();
        Assert.True(keys.Count >= 2, string.Join(",", keys));
        Assert.All(keys, k => Assert.Matches(@"^processed/jobs/day_partition=2020-01-01/part-v\w+-\d{5}\.snappy\.parquet$", k));
        foreach (var key in keys)
        {
            var local = _dir.Sub("check-" + Path.GetFileName(key));
            using (var obj = await _moto.Client.GetObjectAsync(bucket, key))
            await using (var f = File.Create(local)) await obj.ResponseStream.CopyToAsync(f);
            Assert.InRange(Duck.Scalar<long>($"SELECT count(*) FROM read_parquet({Duck.Path(local)})"), 1, 5000);
        }
        Assert.Equal(0, await IncompleteUploadsAsync(bucket));

        // Glue has the table, its partition key and one partition; a rerun adds none.
        using var glue = new GlueClient(GlueSettings.FromEnvironment(v => Env().GetValueOrDefault(v)) with { Credentials = _moto.Credentials });
        var table = await glue.GetTableAsync("etl", "jobs");
        Assert.Equal("day_partition", Assert.Single(table.PartitionKeys!).Name);
        Assert.Contains(table.StorageDescriptor!.Columns!, c => c.Name == "text_hash_idx" && c.Type == "array<int>");
        Assert.Equal($"s3://{bucket}/processed/jobs/", table.StorageDescriptor.Location);
        Assert.Equal(["2020-01-01"], (await glue.GetPartitionsAsync("etl", "jobs")).Select(p => p.Values!.Single()));
        var again = await Cli(env, ["run", "--source", $"s3://{bucket}/raw-data", "--warehouse", $"s3://{bucket}/processed", "--glue-database", "etl", "--full", .. common]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Single(await glue.GetPartitionsAsync("etl", "jobs"));

        // SQL over the S3 warehouse gives what it gives over the local one; the second query reuses the cache.
        const string sql = "SELECT day_partition, count(*) AS n, count(DISTINCT job_id) AS ids, round(sum(salary_annual_min)) AS s, count(*) FILTER (WHERE is_remote) AS r FROM jobs GROUP BY 1 ORDER BY 1";
        var s3Query = await Cli(env, "query", "--warehouse", $"s3://{bucket}/processed", "--format", "csv", sql);
        var localQuery = await EtlCli.RunAsync("query", "--warehouse", _dir.Sub("wh"), "--format", "csv", sql);
        Assert.True(s3Query.ExitCode == 0, s3Query.ToString());
        Assert.Equal(localQuery.StdOut, s3Query.StdOut);
        Assert.NotEmpty(Directory.GetFiles(_dir.Sub("cache"), "*.parquet", SearchOption.AllDirectories));

        var ddl = await Cli(env, "ddl", "--warehouse", $"s3://{bucket}/processed", "--table", "jobs", "--database", "etl", "--projection");
        Assert.True(ddl.ExitCode == 0, ddl.ToString());
        Assert.Contains("CREATE EXTERNAL TABLE IF NOT EXISTS `etl`.`jobs`", ddl.StdOut);
        Assert.Contains($"LOCATION 's3://{bucket}/processed/jobs/'", ddl.StdOut);
        Assert.Contains("'projection.day_partition.type'='date'", ddl.StdOut);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_and_broken_or_vanished_objects_fail_their_day_by_name()
    {
        var raw = _dir.Sub("raw");
        var gen = await EtlCli.RunAsync("generate", "--out", raw, "--days", "2020-02-01..2020-02-03", "--files", "20", "--records-per-file", "50", "--seed", "5");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        // Day 2 gets a truncated gzip; day 3 a file that the proxy pretends was deleted after listing.
        var whole = new MemoryStream();
        using (var gz = new GZipStream(whole, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => $"{{\"id\":\"x{i}\"}}\n"))));
        File.WriteAllBytes(Path.Combine(raw, "2020", "02", "02", "broken.jsonl.gz"), whole.ToArray()[..200]);
        File.WriteAllText(Path.Combine(raw, "2020", "02", "03", "vanished.jsonl"), "{\"id\":\"v\"}\n");
        var bucket = await _moto.CreateBucketAsync("faults");
        await UploadFolderAsync(bucket, "raw/", raw);

        await using var proxy = new FaultyS3Proxy(_moto.EndpointUrl);
        proxy.FailShare(0.15, S3Fault.SlowDown)
             .FailShare(0.05, S3Fault.InternalError)
             .Fail(r => r.Kind == S3RequestKind.GetObject && r.Path.EndsWith("vanished.jsonl"), S3Fault.NoSuchKey);
        var run = await Cli(Env(proxy.EndpointUrl), "run", "--source", $"s3://{bucket}/raw", "--warehouse", $"s3://{bucket}/wh", "--table", "jobs",
            "--days", "2020-02-01..2020-02-03", "--json", "--attempts", "2");
        Assert.True(proxy.TotalFaults > 20, $"{proxy.TotalFaults} faults injected");
        Assert.True(run.ExitCode == 1, run.ToString());
        using var summary = JsonDocument.Parse(run.StdOut);
        var days = summary.RootElement.GetProperty("days");
        Assert.Equal("committed", days[0].GetProperty("state").GetString());
        Assert.Equal(1000, days[0].GetProperty("lines").GetInt64());
        Assert.Equal("failed", days[1].GetProperty("state").GetString());
        Assert.Contains($"s3://{bucket}/raw/2020/02/02/broken.jsonl.gz", days[1].GetProperty("error").GetString());
        Assert.Contains("truncated or corrupt gzip", days[1].GetProperty("error").GetString());
        Assert.Equal("failed", days[2].GetProperty("state").GetString());
        Assert.Contains($"s3://{bucket}/raw/2020/02/03/vanished.jsonl", days[2].GetProperty("error").GetString());
        Assert.Contains("does not exist", days[2].GetProperty("error").GetString());
        Assert.Equal(0, await IncompleteUploadsAsync(bucket));
    }

    [Fact]
    public async Task A_failing_multipart_upload_is_aborted_and_nothing_is_committed()
    {
        var raw = _dir.Sub("raw");
        var gen = await EtlCli.RunAsync("generate", "--out", raw, "--days", "2020-03-01", "--files", "8", "--records-per-file", "2500", "--seed", "3");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        var bucket = await _moto.CreateBucketAsync("mpu");
        await UploadFolderAsync(bucket, "raw/", raw);
        await using var proxy = new FaultyS3Proxy(_moto.EndpointUrl);
        proxy.Fail(r => r.Kind == S3RequestKind.UploadPart && r.Query.TryGetValue("partNumber", out var n) && n == "2", S3Fault.InternalError);
        var run = await Cli(Env(proxy.EndpointUrl), "run", "--source", $"s3://{bucket}/raw", "--warehouse", $"s3://{bucket}/wh", "--table", "jobs",
            "--days", "2020-03-01", "--json", "--attempts", "1");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(proxy.Faults(S3RequestKind.UploadPart) > 0);
        Assert.True(proxy.Requests(S3RequestKind.AbortMultipartUpload) > 0);
        Assert.Equal(0, await IncompleteUploadsAsync(bucket));
        var catalog = await _moto.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "wh/_catalog/partitions/" });
        Assert.Empty(catalog.S3Objects ?? []);
    }
}
