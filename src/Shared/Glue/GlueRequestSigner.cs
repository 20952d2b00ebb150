using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace AkkaEtl.Glue;

/// <summary>
/// Signs a JSON 1.1 request with SigV4 for the <c>glue</c> service. It writes the canonical request (POST, the
/// endpoint's path, no query, the headers it sets, the body's SHA-256) and lets AWSSDK.Core's
/// <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/> derive
/// the signing key, sign it and format the <c>Authorization</c> header.
/// </summary>
public static class GlueRequestSigner
{
    public const string Service = "glue";
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>
    /// Sets Host, X-Amz-Date, X-Amz-Target, X-Amz-Security-Token (session credentials) and Authorization on
    /// <paramref name="request"/>, whose content must be <paramref name="body"/> typed <see cref="ContentType"/>.
    /// </summary>
    public static void Sign(HttpRequestMessage request, byte[] body, string target, ImmutableCredentials credentials, string region, DateTime utcNow)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no URI");
        var signedAt = utcNow.ToUniversalTime();
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = target,
        };
        if (credentials.UseToken) headers["x-amz-security-token"] = credentials.Token;

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : uri.AbsolutePath).Append('\n')
            .Append('\n'); // no query string
        foreach (var (name, value) in headers) canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        canonical.Append('\n').Append(signedHeaders).Append('\n')
            .Append(Convert.ToHexStringLower(AWS4Signer.ComputeHash(body)));

        var result = AWS4Signer.ComputeSignature(credentials, region, signedAt, Service, signedHeaders, canonical.ToString());

        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (credentials.UseToken) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }
}
