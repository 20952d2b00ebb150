using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace AkkaEtl.Storage;

/// <summary>
/// Objects under one bucket and prefix. Keys are relative to the prefix. Reads stream; writes are one PutObject
/// (small files) or a multipart upload (large ones), both atomic for readers. Transient errors (5xx, throttling,
/// network) are retried by the SDK as configured by <see cref="S3Settings"/>; a GET that breaks after its headers
/// surfaces as an <see cref="IOException"/> for the caller to retry the work item. The client is shared, not owned.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _s3;
    private readonly S3Settings _settings;
    private readonly string _prefix;
    private readonly string _scratch;

    public S3ObjectStore(IAmazonS3 s3, StorageLocation location, S3Settings settings)
        : this(s3, location.Bucket, location.Prefix, settings) { }

    public S3ObjectStore(IAmazonS3 s3, string bucket, string prefix, S3Settings settings)
    {
        if (string.IsNullOrWhiteSpace(bucket)) throw new ArgumentException("no bucket", nameof(bucket));
        _s3 = s3;
        _settings = settings.Validate();
        Bucket = bucket;
        _prefix = prefix.Trim('/');
        _scratch = settings.EffectiveScratchDirectory;
        Root = _prefix.Length == 0 ? $"s3://{bucket}" : $"s3://{bucket}/{_prefix}";
    }

    public string Bucket { get; }
    public string Prefix => _prefix;
    public string Root { get; }

    public string ScratchDirectory
    {
        get
        {
            Directory.CreateDirectory(_scratch);
            return _scratch;
        }
    }

    public string Describe(string key) => key.Length == 0 ? Root : $"{Root}/{key}";

    /// <summary>The bucket key of a store key.</summary>
    public string KeyOf(string key) => _prefix.Length == 0 ? key : $"{_prefix}/{key}";

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = KeyOf(prefix), MaxKeys = _settings.ListPageSize };
        var cut = _prefix.Length == 0 ? 0 : _prefix.Length + 1;
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(request, ct).ConfigureAwait(false);
            foreach (var o in page.S3Objects ?? [])
            {
                // Folder markers (zero-byte "dir/" keys made by consoles) are not files.
                if (o.Key.EndsWith('/')) continue;
                yield return new ObjectInfo(o.Key[cut..], o.Size ?? 0, Version(o.ETag), Utc(o.LastModified));
            }
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var meta = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = KeyOf(key) }, ct).ConfigureAwait(false);
            return new ObjectInfo(key, meta.ContentLength, Version(meta.ETag), Utc(meta.LastModified));
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var response = await GetAsync(key, ct).ConfigureAwait(false);
        return new S3ReadStream(response, Describe(key));
    }

    public async Task<LocalFileLease> FetchToLocalAsync(string key, string scratchDirectory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(scratchDirectory);
        var path = Path.Combine(scratchDirectory, $"{Guid.NewGuid():N}-{SafeFileName(key)}");
        try
        {
            await using (var source = await OpenReadAsync(key, ct).ConfigureAwait(false))
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(target, 1 << 20, ct).ConfigureAwait(false);
            }
            return new LocalFileLease(path, isTemporary: true);
        }
        catch
        {
            LocalFileLease.TryDelete(path);
            throw;
        }
    }

    public async Task PublishFileAsync(string localPath, string key, CancellationToken ct = default)
    {
        var file = new FileInfo(localPath);
        if (!file.Exists) throw new FileNotFoundException($"{localPath} does not exist (publishing to {Describe(key)})", localPath);
        if (file.Length < _settings.MultipartThreshold)
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = KeyOf(key), FilePath = localPath }, ct).ConfigureAwait(false);
        }
        else
        {
            await S3MultipartUpload.UploadAsync(_s3, _settings, Bucket, KeyOf(key), localPath, file.Length, ct).ConfigureAwait(false);
        }
        LocalFileLease.TryDelete(localPath);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var body = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        await using (body)
        {
            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = KeyOf(key), InputStream = body, AutoCloseStream = false }, ct)
                .ConfigureAwait(false);
        }
    }

    public async Task<byte[]?> TryGetAsync(string key, CancellationToken ct = default)
    {
        GetObjectResponse response;
        try { response = await GetAsync(key, ct).ConfigureAwait(false); }
        catch (ObjectNotFoundException) { return null; }
        await using var body = new S3ReadStream(response, Describe(key));
        var buffer = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
        await body.CopyToAsync(buffer, 1 << 16, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(_settings.DeleteBatchSize))
        {
            var request = new DeleteObjectsRequest
            {
                BucketName = Bucket,
                Quiet = true,
                Objects = batch.Select(k => new KeyVersion { Key = KeyOf(k) }).ToList(),
            };
            List<DeleteError>? errors;
            try
            {
                errors = (await _s3.DeleteObjectsAsync(request, ct).ConfigureAwait(false)).DeleteErrors;
            }
            catch (DeleteObjectsException e)
            {
                errors = e.Response?.DeleteErrors;
            }
            // Deleting a missing key succeeds on S3; some compatible stores report NoSuchKey, which is just as fine.
            var failed = (errors ?? []).Where(e => e.Code != "NoSuchKey").ToList();
            if (failed.Count > 0)
                throw new IOException($"could not delete {failed.Count} object(s) under {Root}, e.g. s3://{Bucket}/{failed[0].Key}: {failed[0].Code} {failed[0].Message}");
        }
    }

    public override string ToString() => $"S3ObjectStore({Root})";

    private async Task<GetObjectResponse> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            return await _s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = KeyOf(key) }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw new ObjectNotFoundException(Describe(key));
        }
    }

    // A missing key is a 404 (NoSuchKey, or no code at all for HEAD); a missing bucket stays an error of its own.
    private static bool IsNotFound(AmazonS3Exception e) => e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket";

    private static string Version(string? etag) => etag?.Trim('"') ?? "";

    private static DateTimeOffset Utc(DateTime? time) => time switch
    {
        null => DateTimeOffset.UnixEpoch,
        { Kind: DateTimeKind.Unspecified } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        { } t => new DateTimeOffset(t.ToUniversalTime()),
    };

    private static string SafeFileName(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
        return name.Length > 100 ? name[^100..] : name.Length == 0 ? "object" : name;
    }
}
