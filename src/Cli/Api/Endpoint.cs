namespace AkkaEtl.Cli.Api;

/// <summary>Where the control API is and the token it wants: from --host/--token, else ETL_HOST/ETL_TOKEN.</summary>
public sealed record Endpoint(Uri BaseUri, string? Token)
{
    public const string DefaultHost = "127.0.0.1:9110";
    public const string HostVariable = "ETL_HOST";
    public const string TokenVariable = "ETL_TOKEN";

    public static Endpoint Resolve(string? host, string? token)
    {
        host ??= Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } h ? h : DefaultHost;
        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        return new Endpoint(ParseHost(host), string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>host:port, [v6]:port, or a URL (http or https; a path prefix is kept, for a proxy).</summary>
    public static Uri ParseHost(string host)
    {
        var text = host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new CliError(ExitCodes.Usage, $"--host: '{host}' is not host:port or an http(s) URL");
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri) { Path = path, Query = "", Fragment = "" }.Uri;
    }

    // The token is a secret: never shown.
    public override string ToString() => $"{BaseUri} (token {(Token is null ? "off" : "on")})";
}
