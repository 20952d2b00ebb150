using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AkkaEtl.Cli.Api;

/// <summary>A successful answer: the body as the server sent it, and parsed when it is JSON.</summary>
public sealed record ApiResponse(int Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, CliJson.Options) ?? throw new CliError(ExitCodes.Failed, "the server sent an empty answer");
}

/// <summary>
/// The coordinator's control API over HTTP. Every failure becomes a <see cref="CliError"/> with the exit code scripts
/// rely on: unreachable or 401 → 3, 409 and 5xx → 1, other 4xx → 2; the server's own message is kept.
/// </summary>
public sealed class EtlApi(Endpoint endpoint) : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = Create(endpoint);

    public Endpoint Endpoint => endpoint;

    private static HttpClient Create(Endpoint endpoint)
    {
        // Timeouts are per request (a query may take minutes); the client itself never gives up first.
        var http = new HttpClient { BaseAddress = endpoint.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        if (endpoint.Token is { } token) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("etl", "1"));
        return http;
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct, TimeSpan? timeout = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), timeout ?? DefaultTimeout, ct);

    public Task<ApiResponse> PostAsync(string path, object? body, CancellationToken ct, TimeSpan? timeout = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body is null ? "{}" : JsonSerializer.Serialize(body, CliJson.Options), Encoding.UTF8, "application/json"),
        }, timeout ?? DefaultTimeout, ct);

    private async Task<ApiResponse> SendAsync(Func<HttpRequestMessage> request, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var message = request();
        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.SendAsync(message, cts.Token);
            body = await response.Content.ReadAsStringAsync(cts.Token);
        }
        catch (HttpRequestException e)
        {
            throw new CliError(ExitCodes.Unreachable, $"cannot reach {endpoint.BaseUri}: {e.Message}", transient: true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliError(ExitCodes.Unreachable, $"{endpoint.BaseUri} did not answer in {timeout.TotalSeconds:0} s", transient: true);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new ApiResponse(status, body);
            var error = ErrorMessage(body) ?? $"{status} {response.ReasonPhrase}";
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliError(ExitCodes.Unreachable,
                    endpoint.Token is null ? $"{error}; give --token or set {Endpoint.TokenVariable}" : error),
                HttpStatusCode.Conflict => new CliError(ExitCodes.Failed, error),
                _ when status is >= 400 and < 500 => new CliError(ExitCodes.Usage, error),
                _ => new CliError(ExitCodes.Failed, $"server error {status}: {error}"),
            };
        }
    }

    /// <summary>The API's {"error": "..."}, if that is what came back.</summary>
    private static string? ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return body.Length is > 0 and < 500 ? body.Trim() : null;
        }
    }

    public void Dispose() => _http.Dispose();
}
