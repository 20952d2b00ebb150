using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Internal;

namespace AkkaEtl.Storage;

/// <summary>
/// Builds the one <see cref="IAmazonS3"/> a set of <see cref="S3Settings"/> needs: endpoint, region, addressing,
/// timeouts and retries. Credentials are the SDK's default chain unless a test passes its own.
/// </summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Settings settings, AWSCredentials? credentials = null)
    {
        settings.Validate();
        var config = new RetryTunedS3Config
        {
            MaxBackoff = settings.MaxBackoff,
            ForcePathStyle = settings.ForcePathStyle,
            MaxErrorRetry = settings.MaxErrorRetry,
            MaxStaleConnectionRetries = settings.MaxStaleConnectionRetries,
            RetryMode = settings.RetryMode,
            ThrottleRetries = settings.RetryQuota,
            Timeout = settings.RequestTimeout,
            // The endpoint is the settings' alone (FromEnvironment reads the standard variables): an endpoint in the
            // environment or ~/.aws/config must not silently redirect settings that name none, or name another.
            IgnoreConfiguredEndpointUrls = true,
        };
        if (settings.ServiceUrl is { } url)
        {
            // A custom endpoint has no region in its host name: sign for the configured one.
            config.ServiceURL = url;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        return credentials is null ? new RetryTunedS3Client(config) : new RetryTunedS3Client(credentials, config);
    }
}

/// <summary>An <see cref="AmazonS3Config"/> that also carries the cap of the retry backoff.</summary>
internal sealed class RetryTunedS3Config : AmazonS3Config
{
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// The SDK's S3 client with its own S3 retry policy (standard or adaptive), two things changed: the backoff cap comes
/// from the settings, and HTTP 429 is retried like a 5xx (S3 itself throttles with 503 SlowDown, which the SDK
/// already retries; S3-compatible stores and proxies answer 429).
/// </summary>
internal sealed class RetryTunedS3Client : AmazonS3Client
{
    public RetryTunedS3Client(RetryTunedS3Config config) : base(config) { }

    public RetryTunedS3Client(AWSCredentials credentials, RetryTunedS3Config config) : base(credentials, config) { }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        // Called from the base constructor: only Config is set by now, hence the settings travel in it.
        var config = (RetryTunedS3Config)Config;
        StandardRetryPolicy policy = config.RetryMode == RequestRetryMode.Adaptive
            ? new AmazonS3AdaptiveRetryPolicy(config)
            : new AmazonS3StandardRetryPolicy(config);
        policy.MaxBackoffInMilliseconds = (int)Math.Min(int.MaxValue, config.MaxBackoff.TotalMilliseconds);
        policy.HttpStatusCodesToRetryOn.Add(HttpStatusCode.TooManyRequests);
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(policy));
    }
}
