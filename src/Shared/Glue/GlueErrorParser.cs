using System.Net;
using System.Text.Json;

namespace AkkaEtl.Glue;

/// <summary>Turns a JSON 1.1 error response (<c>{"__type": ..., "message": ...}</c>) into a <see cref="GlueException"/>.</summary>
public static class GlueErrorParser
{
    public static GlueException Parse(string operation, HttpStatusCode status, string? errorTypeHeader, string body)
    {
        string? type = null, message = null;
        if (!string.IsNullOrWhiteSpace(body) && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String) continue;
                    if (p.NameEquals("__type") || p.NameEquals("code") || p.NameEquals("Code")) type ??= p.Value.GetString();
                    else if (p.Name.Equals("message", StringComparison.OrdinalIgnoreCase)) message ??= p.Value.GetString();
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall back to the header and the status.
            }
        }
        type ??= errorTypeHeader;
        var code = NormalizeCode(type) ?? (status == HttpStatusCode.TooManyRequests ? "ThrottlingException" : $"Http{(int)status}");
        return new GlueException(operation, code, message ?? $"HTTP {(int)status} {status}", status);
    }

    /// <summary><c>com.amazonaws.glue#EntityNotFoundException</c> and <c>EntityNotFoundException:http://...</c> both give <c>EntityNotFoundException</c>.</summary>
    public static string? NormalizeCode(string? type)
    {
        if (string.IsNullOrWhiteSpace(type)) return null;
        var code = type.Trim();
        var hash = code.LastIndexOf('#');
        if (hash >= 0) code = code[(hash + 1)..];
        var colon = code.IndexOf(':');
        if (colon >= 0) code = code[..colon];
        return code.Length == 0 ? null : code;
    }
}
