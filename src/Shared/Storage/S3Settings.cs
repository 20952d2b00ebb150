using Amazon.Runtime;

namespace AkkaEtl.Storage;

/// <summary>
/// How the S3 stores talk to S3 (or to an S3-compatible endpoint). Holds no credentials: those come only from the
/// SDK's default chain (environment, profile, instance role), so this record can be printed and compared freely.
/// Two equal settings share one client (see <see cref="S3ObjectStoreProvider"/>).
/// </summary>
public sealed record S3Settings
{
    public const long MiB = 1024 * 1024;

    /// <summary>S3 refuses parts below 5 MiB (except the last one).</summary>
    public const long MinPartSize = 5 * MiB;

    public const long MaxPartSize = 5L * 1024 * MiB;

    /// <summary>S3 allows at most 10,000 parts in one upload; larger files get larger parts.</summary>
    public const int MaxParts = 10_000;

    /// <summary>A custom endpoint (moto, MinIO, a VPC endpoint), or null for AWS itself.</summary>
    public string? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>bucket in the path (http://host/bucket/key) rather than in the host name.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>Files of this size or more are uploaded in parts; smaller ones with one PutObject.</summary>
    public long MultipartThreshold { get; init; } = 16 * MiB;

    public long PartSize { get; init; } = 16 * MiB;

    /// <summary>Parts of one upload in flight at once.</summary>
    public int UploadParallelism { get; init; } = 4;

    /// <summary>Retries after the first attempt of each request (the SDK's own default is 2).</summary>
    public int MaxErrorRetry { get; init; } = 5;

    /// <summary>
    /// Extra, immediate retries of a request whose connection was reset or closed under it (a pooled connection that
    /// S3 had closed). The SDK does not count them in <see cref="MaxErrorRetry"/>; its default is 10.
    /// </summary>
    public int MaxStaleConnectionRetries { get; init; } = 3;

    /// <summary>Standard: exponential backoff with full jitter and a retry quota; Adaptive adds client-side rate limiting.</summary>
    public RequestRetryMode RetryMode { get; init; } = RequestRetryMode.Standard;

    /// <summary>
    /// The cap of one backoff wait. The SDK waits a random time in [0, 2^(retry-1) s) capped by this (20 s by default);
    /// tests set a few milliseconds.
    /// </summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The SDK's retry quota (a token bucket per endpoint that stops retry storms). On by default, as in the SDK.</summary>
    public bool RetryQuota { get; init; } = true;

    /// <summary>The time one HTTP request may take until its response headers arrive (the SDK's default is unbounded).</summary>
    public TimeSpan? RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Keys per ListObjectsV2 page (S3 returns at most 1,000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Keys per DeleteObjects request (S3 accepts at most 1,000).</summary>
    public int DeleteBatchSize { get; init; } = 1000;

    /// <summary>Where downloads and files on their way up are kept; Path.GetTempPath()/akkaetl-scratch when null.</summary>
    public string? ScratchDirectory { get; init; }

    public string EffectiveScratchDirectory => ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "akkaetl-scratch");

    /// <summary>
    /// The standard AWS variables: AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL (either one implies path-style
    /// addressing), AWS_REGION / AWS_DEFAULT_REGION (us-east-1 when neither is set) and AKKAETL_S3_FORCE_PATH_STYLE=true;
    /// for tuning, AKKAETL_S3_MULTIPART_THRESHOLD and AKKAETL_S3_PART_SIZE (sizes such as 8MiB) and
    /// AKKAETL_S3_MAX_RETRIES.
    /// </summary>
    public static S3Settings FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    public static S3Settings FromEnvironment(Func<string, string?> variable)
    {
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var endpoint = Clean(variable("AWS_ENDPOINT_URL_S3")) ?? Clean(variable("AWS_ENDPOINT_URL"));
        var region = Clean(variable("AWS_REGION")) ?? Clean(variable("AWS_DEFAULT_REGION")) ?? "us-east-1";
        var forcePathStyle = endpoint is not null
            || string.Equals(Clean(variable("AKKAETL_S3_FORCE_PATH_STYLE")), "true", StringComparison.OrdinalIgnoreCase);
        var defaults = new S3Settings();
        return new S3Settings
        {
            ServiceUrl = endpoint,
            Region = region,
            ForcePathStyle = forcePathStyle,
            MultipartThreshold = Clean(variable("AKKAETL_S3_MULTIPART_THRESHOLD")) is { } t ? Common.Sizes.Parse(t) : defaults.MultipartThreshold,
            PartSize = Clean(variable("AKKAETL_S3_PART_SIZE")) is { } p ? Common.Sizes.Parse(p) : defaults.PartSize,
            MaxErrorRetry = int.TryParse(Clean(variable("AKKAETL_S3_MAX_RETRIES")), out var r) ? r : defaults.MaxErrorRetry,
        };
    }

    /// <summary>The part size for a file of <paramref name="length"/> bytes: <see cref="PartSize"/>, larger if 10,000 parts would not hold it.</summary>
    public long PartSizeFor(long length)
    {
        var part = PartSize;
        if ((length + part - 1) / part > MaxParts)
        {
            var needed = (length + MaxParts - 1) / MaxParts;
            part = (needed + MiB - 1) / MiB * MiB;
        }
        return part;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for values S3 or the SDK would refuse.</summary>
    public S3Settings Validate()
    {
        if (ServiceUrl is not null && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
            throw new ArgumentException($"S3 endpoint '{Redacted(ServiceUrl)}' is not an absolute URL");
        if (string.IsNullOrWhiteSpace(Region)) throw new ArgumentException("S3 region is empty");
        if (PartSize < MinPartSize || PartSize > MaxPartSize)
            throw new ArgumentException($"S3 part size {PartSize} is outside [{MinPartSize}, {MaxPartSize}]");
        if (MultipartThreshold < 1) throw new ArgumentException("S3 multipart threshold must be positive");
        if (UploadParallelism < 1) throw new ArgumentException("S3 upload parallelism must be at least 1");
        if (MaxErrorRetry < 0) throw new ArgumentException("S3 MaxErrorRetry must not be negative");
        if (MaxStaleConnectionRetries < 0) throw new ArgumentException("S3 MaxStaleConnectionRetries must not be negative");
        if (MaxBackoff < TimeSpan.Zero) throw new ArgumentException("S3 MaxBackoff must not be negative");
        if (ListPageSize is < 1 or > 1000) throw new ArgumentException("S3 list page size must be within [1, 1000]");
        if (DeleteBatchSize is < 1 or > 1000) throw new ArgumentException("S3 delete batch size must be within [1, 1000]");
        if (RequestTimeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("S3 request timeout must be positive");
        return this;
    }

    // A URL may carry user:password@; it never reaches a message or a log.
    public override string ToString() =>
        $"S3Settings {{ ServiceUrl = {Redacted(ServiceUrl) ?? "(AWS)"}, Region = {Region}, ForcePathStyle = {ForcePathStyle}, " +
        $"MultipartThreshold = {MultipartThreshold}, PartSize = {PartSize}, UploadParallelism = {UploadParallelism}, " +
        $"MaxErrorRetry = {MaxErrorRetry}, MaxStaleConnectionRetries = {MaxStaleConnectionRetries}, RetryMode = {RetryMode}, MaxBackoff = {MaxBackoff}, RetryQuota = {RetryQuota}, " +
        $"RequestTimeout = {RequestTimeout}, ListPageSize = {ListPageSize}, DeleteBatchSize = {DeleteBatchSize}, " +
        $"ScratchDirectory = {EffectiveScratchDirectory} }}";

    internal static string? Redacted(string? url)
    {
        if (url is null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "(invalid URL)";
        if (uri.UserInfo.Length == 0) return url;
        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
    }
}
