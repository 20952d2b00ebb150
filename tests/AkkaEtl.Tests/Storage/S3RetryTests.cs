using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AkkaEtl.Tests.Storage;

/// <summary>
/// The S3 store through <see cref="FaultyS3Proxy"/> in front of moto: 500s, 503 SlowDown, 429s and dropped
/// connections are retried by the SDK (with the tests' short backoff) and the operation succeeds; when everything
/// fails, the error surfaces after the configured retries, quickly; a GET whose body breaks is an IOException.
/// </summary>
public sealed class S3RetryTests(MotoServerFixture moto) : IClassFixture<MotoServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_is_retried_after_500_503_and_429()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy);
        using var _ = client;
        var content = S3ObjectStoreTests.RandomBytes(1_000_000, seed: 10);
        await moto.Store(bucket).PutAsync("raw/a.jsonl", content, Ct);
        proxy.FailFirst(S3RequestKind.GetObject, 1, S3Fault.InternalError)
            .FailFirst(S3RequestKind.GetObject, 1, S3Fault.SlowDown)
            .FailFirst(S3RequestKind.GetObject, 1, S3Fault.TooManyRequests);

        Assert.Equal(content, await store.TryGetAsync("raw/a.jsonl", Ct));
        Assert.Equal((4, 3), (proxy.Requests(S3RequestKind.GetObject), proxy.Faults(S3RequestKind.GetObject)));

        proxy.FailFirst(S3RequestKind.GetObject, 2, S3Fault.ConnectionReset);
        await using (var stream = await store.OpenReadAsync("raw/a.jsonl", Ct))
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            Assert.Equal(content, copy.ToArray());
        }
        Assert.Equal(5, proxy.Faults(S3RequestKind.GetObject));
    }

    [Fact]
    public async Task Put_is_retried_and_a_retried_file_body_is_sent_from_its_start()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy);
        using var _ = client;
        proxy.FailFirst(S3RequestKind.PutObject, 2, S3Fault.SlowDown);
        await store.PutAsync("_catalog/tables/jobs.json", "{\"v\":1}"u8.ToArray(), Ct);
        Assert.Equal((3, 2), (proxy.Requests(S3RequestKind.PutObject), proxy.Faults(S3RequestKind.PutObject)));

        using var dir = new TempDir("s3-retry-put");
        var file = Path.Combine(dir.Path, "small.parquet");
        var content = S3ObjectStoreTests.RandomBytes(3_000_000, seed: 11);
        await File.WriteAllBytesAsync(file, content, Ct);
        proxy.FailFirst(S3RequestKind.PutObject, 1, S3Fault.ConnectionReset).FailFirst(S3RequestKind.PutObject, 1, S3Fault.InternalError);
        await store.PublishFileAsync(file, "staging/small.parquet", Ct);

        Assert.Equal(4, proxy.Faults(S3RequestKind.PutObject));
        Assert.Equal("{\"v\":1}"u8.ToArray(), await moto.Store(bucket).TryGetAsync("_catalog/tables/jobs.json", Ct));
        Assert.Equal(content, await moto.Store(bucket).TryGetAsync("staging/small.parquet", Ct));
    }

    [Fact]
    public async Task Multipart_steps_are_retried_and_the_object_is_whole()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy, s => s with { MultipartThreshold = 8 * S3Settings.MiB, PartSize = 5 * S3Settings.MiB });
        using var _ = client;
        proxy.FailFirst(S3RequestKind.CreateMultipartUpload, 1, S3Fault.TooManyRequests)
            .FailFirst(S3RequestKind.UploadPart, 2, S3Fault.InternalError)
            .FailFirst(S3RequestKind.UploadPart, 1, S3Fault.SlowDown)
            .FailFirst(S3RequestKind.UploadPart, 1, S3Fault.ConnectionReset)
            .FailFirst(S3RequestKind.CompleteMultipartUpload, 1, S3Fault.SlowDown);
        using var dir = new TempDir("s3-retry-mp");
        var file = Path.Combine(dir.Path, "big.parquet");
        var content = S3ObjectStoreTests.RandomBytes(12 * 1024 * 1024 + 123, seed: 12);
        await File.WriteAllBytesAsync(file, content, Ct);

        await store.PublishFileAsync(file, "jobs/big.parquet", Ct);

        Assert.Equal((3 + 4, 4), (proxy.Requests(S3RequestKind.UploadPart), proxy.Faults(S3RequestKind.UploadPart)));
        Assert.Equal(0, proxy.Requests(S3RequestKind.AbortMultipartUpload));
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await moto.Store(bucket).TryGetAsync("jobs/big.parquet", Ct) ?? []));
        var uploads = await moto.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket }, Ct);
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    [Fact]
    public async Task List_is_retried_on_its_first_page_and_in_the_middle_of_the_pages()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy, s => s with { ListPageSize = 10 });
        using var _ = client;
        var keys = Enumerable.Range(0, 25).Select(i => $"raw/2020/01/01/{i:D3}.jsonl").ToList();
        var seed = moto.Store(bucket);
        foreach (var key in keys) await seed.PutAsync(key, "x"u8.ToArray(), Ct);
        proxy.FailFirst(S3RequestKind.ListObjects, 1, S3Fault.SlowDown)
            .Fail(r => r.Kind == S3RequestKind.ListObjects && r.Query.ContainsKey("continuation-token"), S3Fault.InternalError, count: 2);

        var listed = new List<string>();
        await foreach (var o in store.ListAsync("raw/", Ct)) listed.Add(o.Key);

        Assert.Equal(keys, listed);
        Assert.Equal((3 + 3, 3), (proxy.Requests(S3RequestKind.ListObjects), proxy.Faults(S3RequestKind.ListObjects)));
    }

    [Fact]
    public async Task Head_and_delete_are_retried()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy);
        using var _ = client;
        await moto.Store(bucket).PutAsync("a", "abc"u8.ToArray(), Ct);
        proxy.FailFirst(S3RequestKind.HeadObject, 2, S3Fault.SlowDown).FailFirst(S3RequestKind.DeleteObjects, 1, S3Fault.InternalError);

        Assert.Equal(3, (await store.StatAsync("a", Ct))?.Size);
        Assert.Null(await store.StatAsync("missing", Ct));
        await store.DeleteAsync(["a"], Ct);

        Assert.Null(await moto.Store(bucket).StatAsync("a", Ct));
        Assert.Equal((2, 1), (proxy.Faults(S3RequestKind.HeadObject), proxy.Faults(S3RequestKind.DeleteObjects)));
    }

    [Fact]
    public async Task A_quarter_of_all_requests_failing_still_lets_every_operation_through()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl, seed: 7);
        var (bucket, store, client) = await SetUpAsync(proxy, s => s with { MaxErrorRetry = 8 });
        using var _ = client;
        proxy.FailShare(0.25, S3Fault.SlowDown);

        for (var i = 0; i < 30; i++) await store.PutAsync($"k/{i:D2}", BitConverter.GetBytes(i), Ct);
        for (var i = 0; i < 30; i++) Assert.Equal(BitConverter.GetBytes(i), await store.TryGetAsync($"k/{i:D2}", Ct));
        var listed = new List<string>();
        await foreach (var o in store.ListAsync("k/", Ct)) listed.Add(o.Key);

        Assert.Equal(30, listed.Count);
        Assert.InRange(proxy.TotalFaults, 5, 40);
    }

    [Theory]
    [InlineData(S3Fault.InternalError)]
    [InlineData(S3Fault.SlowDown)]
    [InlineData(S3Fault.TooManyRequests)]
    public async Task When_everything_fails_the_error_surfaces_after_the_retries(S3Fault fault)
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (_, store, client) = await SetUpAsync(proxy, s => s with { MaxErrorRetry = 3 });
        using var __ = client;
        proxy.FailAll(fault);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.TryGetAsync("a", Ct));

        Assert.Equal(fault switch { S3Fault.SlowDown => HttpStatusCode.ServiceUnavailable, S3Fault.TooManyRequests => HttpStatusCode.TooManyRequests, _ => HttpStatusCode.InternalServerError },
            error.StatusCode);
        Assert.Equal(1 + 3, proxy.TotalRequests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task When_every_connection_drops_the_network_error_surfaces_after_the_retries()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (_, store, client) = await SetUpAsync(proxy, s => s with { MaxErrorRetry = 2, MaxStaleConnectionRetries = 1 });
        using var __ = client;
        proxy.FailAll(S3Fault.ConnectionReset);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.PutAsync("a", "x"u8.ToArray(), Ct));

        // the transport's own exception (IOException or HttpRequestException), with the socket error inside
        Assert.True(error is IOException or HttpRequestException, error.ToString());
        Assert.Contains(Chain(error), e => e is System.Net.Sockets.SocketException);
        // the SDK first spends its immediate "stale connection" retries, then the ordinary ones with backoff
        Assert.Equal(1 + 1 + 2, proxy.TotalRequests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_get_whose_body_breaks_midway_is_an_IOException_naming_the_object()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy);
        using var _ = client;
        var content = S3ObjectStoreTests.RandomBytes(4_000_000, seed: 13);
        await moto.Store(bucket).PutAsync("raw/2020/01/01/a.jsonl", content, Ct);
        proxy.FailFirst(S3RequestKind.GetObject, 3, S3Fault.TruncatedBody);

        await using (var stream = await store.OpenReadAsync("raw/2020/01/01/a.jsonl", Ct))
        {
            var error = await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(Stream.Null, Ct));
            Assert.Contains($"s3://{bucket}/raw/2020/01/01/a.jsonl", error.Message);
        }
        await Assert.ThrowsAsync<IOException>(() => store.TryGetAsync("raw/2020/01/01/a.jsonl", Ct));
        using var scratch = new TempDir("s3-truncated");
        await Assert.ThrowsAsync<IOException>(() => store.FetchToLocalAsync("raw/2020/01/01/a.jsonl", scratch.Path, Ct));
        Assert.Empty(Directory.GetFiles(scratch.Path)); // no half file left

        // the caller's retry reads it whole
        using var lease = await store.FetchToLocalAsync("raw/2020/01/01/a.jsonl", scratch.Path, Ct);
        Assert.Equal(content, await File.ReadAllBytesAsync(lease.Path, Ct));
        Assert.Equal(4, proxy.Requests(S3RequestKind.GetObject)); // a broken body is not retried by the SDK
    }

    [Fact]
    public async Task Adaptive_retry_mode_retries_too()
    {
        await using var proxy = new FaultyS3Proxy(moto.EndpointUrl);
        var (bucket, store, client) = await SetUpAsync(proxy, s => s with { RetryMode = RequestRetryMode.Adaptive });
        using var _ = client;
        await moto.Store(bucket).PutAsync("a", "abc"u8.ToArray(), Ct);
        proxy.FailFirst(S3RequestKind.GetObject, 2, S3Fault.SlowDown);

        Assert.Equal("abc"u8.ToArray(), await store.TryGetAsync("a", Ct));
        Assert.Equal(2, proxy.Faults(S3RequestKind.GetObject));
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    private async Task<(string Bucket, S3ObjectStore Store, IAmazonS3 Client)> SetUpAsync(FaultyS3Proxy proxy, Func<S3Settings, S3Settings>? tune = null)
    {
        var bucket = await moto.CreateBucketAsync("retry");
        var settings = moto.SettingsFor(proxy.EndpointUrl) with { MaxErrorRetry = 4 };
        if (tune is not null) settings = tune(settings);
        var client = moto.CreateClient(settings);
        return (bucket, new S3ObjectStore(client, bucket, "", settings), client);
    }
}
