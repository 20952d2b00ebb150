using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AkkaEtl.Glue;

/// <summary>
/// A minimal AWS Glue Data Catalog client: JSON 1.1 over HTTP (<c>POST /</c>, <c>X-Amz-Target: AWSGlue.&lt;Operation&gt;</c>),
/// SigV4-signed, retrying throttling and server errors with exponential backoff and jitter. Errors come back as
/// <see cref="GlueException"/> carrying the service's error code. Only the calls the table registrar needs.
/// </summary>
public sealed class GlueClient : IDisposable
{
    /// <summary>The most partitions Glue takes in one BatchCreatePartition or BatchUpdatePartition.</summary>
    public const int MaxBatchSize = 100;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AwsCredentialSource _credentials;
    private readonly GlueRetryPolicy _retry;
    private readonly TimeProvider _time;

    /// <param name="settings">Region, endpoint, credentials (null: default chain) and retry settings.</param>
    /// <param name="httpClient">A client to send with (its handlers see the signed requests); null creates one this instance disposes.</param>
    /// <param name="timeProvider">The clock for signing and backoff; null is the system clock.</param>
    public GlueClient(GlueSettings settings, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = settings.RequestTimeout };
        _credentials = new AwsCredentialSource(settings.Credentials);
        _retry = new GlueRetryPolicy(settings.MaxAttempts, settings.BaseRetryDelay, settings.MaxRetryDelay);
        _time = timeProvider ?? TimeProvider.System;
    }

    public GlueSettings Settings { get; }

    public async Task<GlueDatabase> GetDatabaseAsync(string name, CancellationToken ct = default)
    {
        var response = await SendAsync("GetDatabase", new GetDatabaseRequest(name),
            GlueJsonContext.Default.GetDatabaseRequest, GlueJsonContext.Default.GetDatabaseResponse, ct).ConfigureAwait(false);
        return response.Database ?? throw new GlueException("GetDatabase", "MalformedResponse", "the response has no Database");
    }

    public Task CreateDatabaseAsync(GlueDatabaseInput input, CancellationToken ct = default) =>
        SendAsync("CreateDatabase", new CreateDatabaseRequest(input),
            GlueJsonContext.Default.CreateDatabaseRequest, GlueJsonContext.Default.EmptyResponse, ct);

    /// <exception cref="GlueException">With <see cref="GlueException.EntityNotFound"/> when the database or table does not exist.</exception>
    public async Task<GlueTable> GetTableAsync(string databaseName, string name, CancellationToken ct = default)
    {
        var response = await SendAsync("GetTable", new GetTableRequest(databaseName, name),
            GlueJsonContext.Default.GetTableRequest, GlueJsonContext.Default.GetTableResponse, ct).ConfigureAwait(false);
        return response.Table ?? throw new GlueException("GetTable", "MalformedResponse", "the response has no Table");
    }

    public Task CreateTableAsync(string databaseName, GlueTableInput input, CancellationToken ct = default) =>
        SendAsync("CreateTable", new CreateTableRequest(databaseName, input),
            GlueJsonContext.Default.CreateTableRequest, GlueJsonContext.Default.EmptyResponse, ct);

    /// <summary>Replaces the table's definition with <paramref name="input"/> (Glue keeps the old version).</summary>
    public Task UpdateTableAsync(string databaseName, GlueTableInput input, CancellationToken ct = default) =>
        SendAsync("UpdateTable", new UpdateTableRequest(databaseName, input),
            GlueJsonContext.Default.UpdateTableRequest, GlueJsonContext.Default.EmptyResponse, ct);

    /// <summary>
    /// Creates partitions in requests of at most <see cref="MaxBatchSize"/>. Partitions that exist already are counted,
    /// not failed; any other per-partition error is returned in <see cref="GlueBatchResult.Failed"/>.
    /// </summary>
    public async Task<GlueBatchResult> BatchCreatePartitionAsync(
        string databaseName, string tableName, IReadOnlyList<GluePartitionInput> partitions, CancellationToken ct = default)
    {
        var requests = 0;
        var existed = new List<GluePartitionError>();
        var failed = new List<GluePartitionError>();
        foreach (var chunk in partitions.Chunk(MaxBatchSize))
        {
            var response = await SendAsync("BatchCreatePartition", new BatchCreatePartitionRequest(databaseName, tableName, chunk),
                GlueJsonContext.Default.BatchCreatePartitionRequest, GlueJsonContext.Default.BatchCreatePartitionResponse, ct).ConfigureAwait(false);
            requests++;
            foreach (var error in response.Errors ?? [])
            {
                if (GlueErrorParser.NormalizeCode(error.ErrorDetail?.ErrorCode) == GlueException.AlreadyExists) existed.Add(error);
                else failed.Add(error);
            }
        }
        return new GlueBatchResult(partitions.Count, existed, failed, requests);
    }

    /// <summary>Updates partitions (e.g. a moved location) in requests of at most <see cref="MaxBatchSize"/>.</summary>
    public async Task<GlueBatchResult> BatchUpdatePartitionAsync(
        string databaseName, string tableName, IReadOnlyList<GluePartitionUpdate> updates, CancellationToken ct = default)
    {
        var requests = 0;
        var failed = new List<GluePartitionError>();
        foreach (var chunk in updates.Chunk(MaxBatchSize))
        {
            var response = await SendAsync("BatchUpdatePartition", new BatchUpdatePartitionRequest(databaseName, tableName, chunk),
                GlueJsonContext.Default.BatchUpdatePartitionRequest, GlueJsonContext.Default.BatchUpdatePartitionResponse, ct).ConfigureAwait(false);
            requests++;
            foreach (var error in response.Errors ?? [])
                failed.Add(new GluePartitionError(error.PartitionValueList ?? [], error.ErrorDetail ?? new GlueErrorDetail(null, null)));
        }
        return new GlueBatchResult(updates.Count, [], failed, requests);
    }

    /// <summary>All partitions of a table matching <paramref name="expression"/> (Glue's filter syntax, null for all), following NextToken.</summary>
    public async Task<IReadOnlyList<GluePartition>> GetPartitionsAsync(
        string databaseName, string tableName, string? expression = null, CancellationToken ct = default)
    {
        var all = new List<GluePartition>();
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var response = await SendAsync("GetPartitions", new GetPartitionsRequest(databaseName, tableName, expression, token, null),
                GlueJsonContext.Default.GetPartitionsRequest, GlueJsonContext.Default.GetPartitionsResponse, ct).ConfigureAwait(false);
            all.AddRange(response.Partitions ?? []);
            token = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
            if (token is not null && !seen.Add(token))
                throw new GlueException("GetPartitions", "MalformedResponse", "the service returned the same NextToken twice");
        }
        while (token is not null);
        return all;
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var json = await SendOnceAsync(operation, body, ct).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(json)) json = "{}";
                try
                {
                    return JsonSerializer.Deserialize(json, responseType)
                        ?? throw new GlueException(operation, "MalformedResponse", "the response body is null");
                }
                catch (JsonException e)
                {
                    throw new GlueException(operation, "MalformedResponse", $"the response is not the expected JSON: {e.Message}", inner: e);
                }
            }
            catch (GlueException e) when (attempt < _retry.MaxAttempts && GlueRetryPolicy.IsRetryable(e))
            {
            }
            await Task.Delay(_retry.DelayBefore(attempt), _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<string> SendOnceAsync(string operation, byte[] body, CancellationToken ct)
    {
        var credentials = await _credentials.GetAsync(ct).ConfigureAwait(false);
        using var message = new HttpRequestMessage(HttpMethod.Post, Settings.Endpoint);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(GlueRequestSigner.ContentType);
        GlueRequestSigner.Sign(message, body, $"AWSGlue.{operation}", credentials, Settings.Region, _time.GetUtcNow().UtcDateTime);

        using var response = await TransmitAsync(operation, message, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return text;
        var typeHeader = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        throw GlueErrorParser.Parse(operation, response.StatusCode, typeHeader, text);
    }

    /// <summary>Sends one attempt; a request that got no response becomes a retryable <see cref="GlueException"/>.</summary>
    private async Task<HttpResponseMessage> TransmitAsync(string operation, HttpRequestMessage message, CancellationToken ct)
    {
        try
        {
            // ResponseContentRead buffers the body here, so reading it later cannot fail on the network.
            return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new GlueException(operation, GlueRetryPolicy.RequestFailed, e.Message, inner: e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new GlueException(operation, GlueRetryPolicy.RequestTimeout, "the request timed out", inner: e);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
