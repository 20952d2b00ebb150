using Amazon.Runtime;

namespace AkkaEtl.Glue;

/// <summary>
/// Where and how to reach Glue. <see cref="Credentials"/> null means the SDK's default chain (environment, profile,
/// web identity, ECS, EC2 instance role). <see cref="ToString"/> never shows credentials.
/// </summary>
public sealed record GlueSettings
{
    public const string DefaultRegion = "us-east-1";

    public required string Region { get; init; }
    public required Uri Endpoint { get; init; }

    /// <summary>Explicit credentials; null resolves them from the SDK's default chain on first use.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Attempts per call, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one HTTP attempt, used when the client creates its own HttpClient.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Region from <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else us-east-1; endpoint from
    /// <c>AWS_ENDPOINT_URL_GLUE</c>, else <c>AWS_ENDPOINT_URL</c> (both ignored when
    /// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>), else the public regional endpoint.
    /// </summary>
    public static GlueSettings FromEnvironment(Func<string, string?>? getEnvironment = null)
    {
        var env = getEnvironment ?? Environment.GetEnvironmentVariable;
        var region = NonEmpty(env("AWS_REGION")) ?? NonEmpty(env("AWS_DEFAULT_REGION")) ?? DefaultRegion;
        var ignoreEndpoints = string.Equals(NonEmpty(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")), "true", StringComparison.OrdinalIgnoreCase);
        var configured = ignoreEndpoints ? null : NonEmpty(env("AWS_ENDPOINT_URL_GLUE")) ?? NonEmpty(env("AWS_ENDPOINT_URL"));
        Uri endpoint;
        if (configured is null) endpoint = PublicEndpoint(region);
        else if (!Uri.TryCreate(configured, UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{configured}' is not an http(s) endpoint URL");
        return new GlueSettings { Region = region, Endpoint = endpoint };
    }

    /// <summary>The public Glue endpoint of a region (<c>https://glue.{region}.amazonaws.com</c>, .com.cn in China).</summary>
    public static Uri PublicEndpoint(string region)
    {
        if (string.IsNullOrWhiteSpace(region) || region.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            throw new ArgumentException($"'{region}' is not a region name");
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://glue.{region}.{suffix}/");
    }

    public override string ToString() =>
        $"GlueSettings {{ Region = {Region}, Endpoint = {Endpoint}, Credentials = {(Credentials is null ? "default chain" : "explicit")}, MaxAttempts = {MaxAttempts} }}";

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
