using System.Diagnostics;
using System.Security.Cryptography;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AkkaEtl.Tests.Storage;

/// <summary>The S3 store against moto_server: listing, streaming, uploads (single and multipart), deletes, misses.</summary>
public sealed class S3ObjectStoreTests(MotoServerFixture moto) : IClassFixture<MotoServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // moto stores about 200 objects a second here, so the 2,500 keys are made once, for both halves of this test.
    [Fact]
    public async Task Listing_2500_keys_goes_page_by_page_and_deleting_them_batch_by_batch()
    {
        var bucket = await moto.CreateBucketAsync("list-delete");
        var keys = DayKeys(2500);
        await SeedAsync(bucket, keys.Select(k => "wh/" + k).Append("wh/keep/me.json"));
        await SeedAsync(bucket, ["whx/raw/2020/01/01/outside.jsonl", "other/raw/2020/01/01/x.jsonl"]);
        using var client = moto.CreateClient();
        var listCalls = CountRequests<ListObjectsV2Request>(client);
        var deleteCalls = CountRequests<DeleteObjectsRequest>(client);
        var store = new S3ObjectStore(client, bucket, "wh", moto.Settings); // 1,000 keys a page, as S3 gives at most

        var listed = await ToListAsync(store.ListAsync("raw/2020/01/01/", Ct));

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(o => o.Key));
        Assert.Equal(3, listCalls());
        Assert.All(listed, o => Assert.Equal(5, o.Size));
        Assert.All(listed, o => Assert.Matches("^[0-9a-f]{32}$", o.Version));

        await store.DeleteAsync([.. keys, "raw/2020/01/01/never-existed.jsonl"], Ct);

        Assert.Equal(3, deleteCalls());
        Assert.Equal(["keep/me.json"], await KeysAsync(store, ""));
        Assert.Equal(2, (await KeysAsync(moto.Store(bucket), "")).Count(k => !k.StartsWith("wh/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Deleting_missing_keys_is_fine()
    {
        var bucket = await moto.CreateBucketAsync("delete-missing");
        await SeedAsync(bucket, ["wh/a", "wh/b"]);
        var store = moto.Store(bucket, "wh");

        await store.DeleteAsync(["a", "a", "never", "b"], Ct);
        await store.DeleteAsync(["a", "b"], Ct);
        await store.DeleteAsync([], Ct);

        Assert.Empty(await KeysAsync(store, ""));
    }

    [Fact]
    public async Task Listing_filters_by_prefix_like_a_folder_and_like_a_name_start()
    {
        var bucket = await moto.CreateBucketAsync("prefix");
        await SeedAsync(bucket, [
            "root/raw/2020/01/01/a.jsonl", "root/raw/2020/01/01/b.jsonl.gz", "root/raw/2020/01/010/not-this-day.jsonl",
            "root/raw/2020/01/02/c.jsonl", "root/raw/2020/01/01/", "rootx/raw/2020/01/01/other-store.jsonl", "z.jsonl",
        ]);
        var store = moto.Store(bucket, "root");

        Assert.Equal(["raw/2020/01/01/a.jsonl", "raw/2020/01/01/b.jsonl.gz"], await KeysAsync(store, "raw/2020/01/01/"));
        Assert.Equal(["raw/2020/01/01/a.jsonl", "raw/2020/01/01/b.jsonl.gz", "raw/2020/01/010/not-this-day.jsonl"], await KeysAsync(store, "raw/2020/01/01"));
        Assert.Equal(4, (await KeysAsync(store, "")).Count); // the folder marker is not a file
        Assert.Empty(await KeysAsync(store, "raw/2021/"));
        Assert.Equal(6, (await KeysAsync(moto.Store(bucket), "")).Count); // 7 keys, one a folder marker
    }

    [Fact]
    public async Task A_20_MB_object_is_read_as_a_stream()
    {
        var bucket = await moto.CreateBucketAsync("stream");
        var content = RandomBytes(20_000_000, seed: 1);
        await moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "p/big.bin", InputStream = new MemoryStream(content) }, Ct);
        var store = moto.Store(bucket, "p");

        await using var stream = await store.OpenReadAsync("big.bin", Ct);
        Assert.False(stream.CanSeek);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81_920];
        long total = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            total += n;
        }
        Assert.Equal(content.Length, total);
        Assert.Equal(SHA256.HashData(content), hash.GetHashAndReset());
    }

    [Fact]
    public async Task A_40_MB_file_is_published_in_5_MiB_parts_and_no_upload_is_left()
    {
        var bucket = await moto.CreateBucketAsync("multipart");
        using var dir = new TempDir("s3-publish");
        var content = RandomBytes(40_000_000, seed: 2);
        var file = Path.Combine(dir.Path, "part-0001.parquet");
        await File.WriteAllBytesAsync(file, content, Ct);
        var settings = moto.Settings with { MultipartThreshold = 8 * S3Settings.MiB, PartSize = 5 * S3Settings.MiB, UploadParallelism = 3 };
        using var client = moto.CreateClient(settings);
        var parts = CountRequests<UploadPartRequest>(client);
        var puts = CountRequests<PutObjectRequest>(client);
        var store = new S3ObjectStore(client, bucket, "wh", settings);

        await store.PublishFileAsync(file, "jobs/day_partition=2020-01-01/part-0001.parquet", Ct);

        Assert.Equal(8, parts()); // 40,000,000 / 5 MiB = 7.6
        Assert.Equal(0, puts());
        Assert.False(File.Exists(file));
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await store.TryGetAsync("jobs/day_partition=2020-01-01/part-0001.parquet", Ct) ?? []));
        var info = await store.StatAsync("jobs/day_partition=2020-01-01/part-0001.parquet", Ct);
        Assert.Equal(content.Length, info!.Size);
        Assert.EndsWith("-8", info.Version); // a multipart ETag
        await AssertNoUploadsLeftAsync(bucket);
    }

    [Fact]
    public async Task A_small_file_is_published_with_one_put()
    {
        var bucket = await moto.CreateBucketAsync("small");
        using var dir = new TempDir("s3-small");
        var file = Path.Combine(dir.Path, "catalog.json");
        await File.WriteAllTextAsync(file, """{"table":"jobs"}""", Ct);
        using var client = moto.CreateClient();
        var puts = CountRequests<PutObjectRequest>(client);
        var initiates = CountRequests<InitiateMultipartUploadRequest>(client);
        var store = new S3ObjectStore(client, bucket, "wh", moto.Settings);

        await store.PublishFileAsync(file, "_catalog/tables/jobs.json", Ct);

        Assert.Equal((1, 0), (puts(), initiates()));
        Assert.False(File.Exists(file));
        Assert.Equal("""{"table":"jobs"}"""u8.ToArray(), await store.TryGetAsync("_catalog/tables/jobs.json", Ct));
    }

    [Fact]
    public async Task A_failure_in_the_middle_of_a_multipart_upload_surfaces_and_aborts_the_upload()
    {
        var bucket = await moto.CreateBucketAsync("mp-fail");
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        // part 3 never gets through, whatever the retries
        proxy.Fail(r => r.Kind == S3RequestKind.UploadPart && r.Query["partNumber"] == "3", S3Fault.InternalError);
        proxy.FailFirst(S3RequestKind.AbortMultipartUpload, 1, S3Fault.SlowDown); // the abort is retried too
        using var dir = new TempDir("s3-mp-fail");
        var file = Path.Combine(dir.Path, "part.parquet");
        await File.WriteAllBytesAsync(file, RandomBytes(26 * 1024 * 1024, seed: 3), Ct);
        var settings = moto.SettingsFor(proxy.EndpointUrl) with { MultipartThreshold = 8 * S3Settings.MiB, PartSize = 5 * S3Settings.MiB, UploadParallelism = 2 };
        using var client = moto.CreateClient(settings);
        var store = new S3ObjectStore(client, bucket, "", settings);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.PublishFileAsync(file, "jobs/part.parquet", Ct));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(1 + settings.MaxErrorRetry, proxy.Log.Count(e => e.Request.Kind == S3RequestKind.UploadPart && e.Request.Query["partNumber"] == "3"));
        Assert.InRange(proxy.Requests(S3RequestKind.AbortMultipartUpload), 2, 3); // one refused; a lost answer may cost one more
        Assert.Equal(0, proxy.Requests(S3RequestKind.CompleteMultipartUpload));
        Assert.True(File.Exists(file)); // kept for the caller's retry
        Assert.Null(await moto.Store(bucket).StatAsync("jobs/part.parquet", Ct));
        await AssertNoUploadsLeftAsync(bucket);
    }

    [Fact]
    public async Task Cancelling_a_multipart_upload_midway_aborts_it()
    {
        var bucket = await moto.CreateBucketAsync("mp-cancel");
        using var dir = new TempDir("s3-mp-cancel");
        var file = Path.Combine(dir.Path, "part.parquet");
        await File.WriteAllBytesAsync(file, RandomBytes(30 * 1024 * 1024, seed: 4), Ct);
        var settings = moto.Settings with { MultipartThreshold = 8 * S3Settings.MiB, PartSize = 5 * S3Settings.MiB, UploadParallelism = 1 };
        using var client = moto.CreateClient(settings);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var partsDone = 0;
        ((AmazonServiceClient)client).AfterResponseEvent += (_, e) =>
        {
            if (e is WebServiceResponseEventArgs { Request: UploadPartRequest } && Interlocked.Increment(ref partsDone) == 2) cts.Cancel();
        };
        var store = new S3ObjectStore(client, bucket, "", settings);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PublishFileAsync(file, "jobs/part.parquet", cts.Token));

        Assert.InRange(partsDone, 2, 3);
        Assert.Null(await moto.Store(bucket).StatAsync("jobs/part.parquet", Ct));
        await AssertNoUploadsLeftAsync(bucket);
    }

    [Fact]
    public async Task Small_objects_round_trip_and_a_missing_one_is_null()
    {
        var bucket = await moto.CreateBucketAsync("small-objects");
        var store = moto.Store(bucket, "wh");

        Assert.Null(await store.TryGetAsync("_catalog/tables/jobs.json", Ct));
        Assert.Null(await store.StatAsync("_catalog/tables/jobs.json", Ct));
        await store.PutAsync("_catalog/tables/jobs.json", "{\"v\":1}"u8.ToArray(), Ct);
        await store.PutAsync("_catalog/tables/jobs.json", new ReadOnlyMemory<byte>("xx{\"v\":2}yy"u8.ToArray(), 2, 7), Ct);
        await store.PutAsync("empty", ReadOnlyMemory<byte>.Empty, Ct);

        Assert.Equal("{\"v\":2}"u8.ToArray(), await store.TryGetAsync("_catalog/tables/jobs.json", Ct));
        Assert.Equal(0, (await store.TryGetAsync("empty", Ct))?.Length);
        var info = await store.StatAsync("_catalog/tables/jobs.json", Ct);
        Assert.Equal(("_catalog/tables/jobs.json", 7L), (info!.Key, info.Size));
        Assert.True(info.LastModified > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task Opening_a_missing_object_names_its_s3_address()
    {
        var bucket = await moto.CreateBucketAsync("missing");
        var store = moto.Store(bucket, "raw");

        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.OpenReadAsync("2020/01/01/gone.jsonl", Ct));
        Assert.Equal($"s3://{bucket}/raw/2020/01/01/gone.jsonl", error.Location);
        Assert.Contains($"s3://{bucket}/raw/2020/01/01/gone.jsonl", error.Message);
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.FetchToLocalAsync("2020/01/01/gone.jsonl", store.ScratchDirectory, Ct));
    }

    [Fact]
    public async Task Fetching_to_local_gives_a_temporary_copy()
    {
        var bucket = await moto.CreateBucketAsync("fetch");
        var store = moto.Store(bucket, "raw");
        var content = RandomBytes(3_000_000, seed: 5);
        await store.PutAsync("2020/01/01/a.jsonl.gz", content, Ct);
        using var scratch = new TempDir("s3-fetch");

        var lease = await store.FetchToLocalAsync("2020/01/01/a.jsonl.gz", scratch.Path, Ct);
        Assert.True(lease.IsTemporary);
        Assert.StartsWith(scratch.Path, lease.Path);
        Assert.EndsWith("a.jsonl.gz", lease.Path);
        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path, Ct));
        lease.Dispose();
        Assert.False(File.Exists(lease.Path));
        Assert.True(Directory.Exists(store.ScratchDirectory));
    }

    // ---- helpers

    private static List<string> DayKeys(int count) =>
        Enumerable.Range(0, count).Select(i => $"raw/2020/01/01/f{i * 7919 % 100_003:D6}-{i}.jsonl").ToList();

    private Task SeedAsync(string bucket, IEnumerable<string> keys) =>
        moto.PutObjectsAsync(bucket, keys, key => key.EndsWith('/') ? [] : "hello"u8.ToArray(), Ct);

    private async Task AssertNoUploadsLeftAsync(string bucket)
    {
        var uploads = await moto.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket }, Ct);
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    /// <summary>Counts the requests of one type the client sends (each attempt: the SDK raises the event before signing).</summary>
    private static Func<int> CountRequests<T>(IAmazonS3 client) where T : AmazonWebServiceRequest
    {
        var count = 0;
        ((AmazonServiceClient)client).BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: T }) Interlocked.Increment(ref count);
        };
        return () => Volatile.Read(ref count);
    }

    private static async Task<List<string>> KeysAsync(IObjectStore store, string prefix) =>
        (await ToListAsync(store.ListAsync(prefix, Ct))).Select(o => o.Key).ToList();

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
