using System.Collections.Concurrent;
using System.Text;

namespace AkkaEtl.Tests.Glue;

/// <summary>One request as it left the client: operation, headers and body.</summary>
public sealed record RecordedRequest(string Target, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Records every signed request on its way to the server, then passes it on.</summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public RecordingHandler() : this(new SocketsHttpHandler()) { }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<RecordedRequest> For(string operation) =>
        Requests.Where(r => r.Target == "AWSGlue." + operation).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in request.Headers) headers[k] = string.Join(",", v);
        if (request.Content is not null)
            foreach (var (k, v) in request.Content.Headers) headers[k] = string.Join(",", v);
        var body = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(ct));
        headers.TryGetValue("X-Amz-Target", out var target);
        Requests.Enqueue(new RecordedRequest(target ?? "", request.RequestUri!, headers, body));
        return await base.SendAsync(request, ct);
    }
}

/// <summary>Answers requests without a server: a function of the operation, the attempt number and the body.</summary>
public sealed class StubGlueHandler(Func<string, int, string, HttpResponseMessage> respond) : HttpMessageHandler
{
    private int _calls;

    public int Calls => _calls;
    public ConcurrentQueue<string> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var call = Interlocked.Increment(ref _calls);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        Bodies.Enqueue(body);
        var target = request.Headers.TryGetValues("X-Amz-Target", out var v) ? v.First() : "";
        return respond(target.Replace("AWSGlue.", "", StringComparison.Ordinal), call, body);
    }

    public static HttpResponseMessage Json(System.Net.HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
}
