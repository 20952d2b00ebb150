using System.Net;

namespace AkkaEtl.Glue;

/// <summary>Which failures are worth another attempt, and how long to wait first (exponential backoff, full jitter).</summary>
public sealed class GlueRetryPolicy
{
    /// <summary>The code of a request that got no response (connection refused, reset, DNS).</summary>
    public const string RequestFailed = "RequestFailed";

    /// <summary>The code of a request whose attempt timed out.</summary>
    public const string RequestTimeout = "RequestTimeout";

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
        "InternalServiceException", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException",
        "OperationTimeoutException", "ConcurrentModificationException", RequestFailed, RequestTimeout,
    };

    public GlueRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    public int MaxAttempts { get; }
    public TimeSpan BaseDelay { get; }
    public TimeSpan MaxDelay { get; }

    public static bool IsRetryable(GlueException e) =>
        RetryableCodes.Contains(e.ErrorCode)
        || e.StatusCode is HttpStatusCode.TooManyRequests
        || e.StatusCode is { } s && (int)s >= 500;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 (attempt counts from 1): a random time up to base·2^(attempt-1), capped.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
