using System.Net;

namespace AkkaEtl.Coordinator.Api;

/// <summary>Where the control API listens, and the token it requires.</summary>
public sealed record ApiOptions(string Host, int Port, string? Token)
{
    /// <summary>Longest day range one request may submit.</summary>
    public int MaxRangeDays { get; init; } = 400;

    /// <summary>Tables this server accepts submissions for.</summary>
    public IReadOnlyList<string> Tables { get; init; } = ["jobs"];

    public bool IsLoopback => Host is "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    public static ApiOptions Parse(string address, string? token)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is < 0 or > 65535)
            throw new FormatException($"'{address}' is not host:port");
        return new ApiOptions(address[..colon].Trim('[', ']'), port, string.IsNullOrEmpty(token) ? null : token);
    }

    // The token is a secret: never shown.
    public override string ToString() => $"{Url} (token {(Token is null ? "off" : "on")})";
}
