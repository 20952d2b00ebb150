using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AkkaEtl.Tests.Support;

/// <summary>What an S3 request does, told from its method, path (path-style addressing) and query.</summary>
public enum S3RequestKind
{
    ListObjects,
    GetObject,
    HeadObject,
    PutObject,
    CreateMultipartUpload,
    UploadPart,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListMultipartUploads,
    DeleteObjects,
    Other,
}

public enum S3Fault
{
    /// <summary>500 with an InternalError body, as S3 answers now and then.</summary>
    InternalError,

    /// <summary>503 SlowDown: S3's throttling.</summary>
    SlowDown,

    /// <summary>429 Too Many Requests, as S3-compatible stores throttle.</summary>
    TooManyRequests,

    /// <summary>The connection is dropped without an answer.</summary>
    ConnectionReset,

    /// <summary>The request is forwarded and its answer starts, but the body stops halfway and the connection drops.</summary>
    TruncatedBody,

    /// <summary>404 NoSuchKey: the object is gone (deleted after it was listed).</summary>
    NoSuchKey,
}

/// <summary>A request as the proxy saw it; <see cref="Sequence"/> counts from 1 over all requests.</summary>
public sealed record ProxiedRequest(int Sequence, S3RequestKind Kind, string Method, string Path, IReadOnlyDictionary<string, string> Query);

/// <summary>
/// A loopback HTTP/1.1 proxy in front of an S3 endpoint (moto) that answers chosen requests with faults instead of
/// forwarding them: the first N of a kind, a share of them (seeded), or all. Clients use <see cref="EndpointUrl"/>
/// as their S3 endpoint with path-style addressing. It works on raw sockets, one request per connection, so that a
/// dropped connection is a real TCP reset. Counts what it saw, per kind.
/// </summary>
public sealed class FaultyS3Proxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Expect", "Content-Length", "TE", "Upgrade", "Trailer",
    };

    private readonly TcpListener _listener;
    private readonly HttpClient _http;
    private readonly string _target;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly List<(ProxiedRequest Request, S3Fault? Fault)> _log = [];
    private readonly List<Task> _inFlight = [];
    private readonly List<string> _errors = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _sequence;

    public FaultyS3Proxy(string targetEndpoint, int seed = 12345)
    {
        _target = targetEndpoint.TrimEnd('/');
        _random = new Random(seed);
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public string EndpointUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The first <paramref name="count"/> requests of <paramref name="kind"/> fail.</summary>
    public FaultyS3Proxy FailFirst(S3RequestKind kind, int count, S3Fault fault) => Fail(r => r.Kind == kind, fault, count);

    /// <summary>About <paramref name="share"/> of the requests (of <paramref name="kind"/>, or all) fail, drawn from the seeded generator.</summary>
    public FaultyS3Proxy FailShare(double share, S3Fault fault, S3RequestKind? kind = null) =>
        Fail(r => kind is null || r.Kind == kind, fault, count: null, share);

    /// <summary>Every request fails.</summary>
    public FaultyS3Proxy FailAll(S3Fault fault) => Fail(_ => true, fault);

    /// <summary>Requests that match fail (at most <paramref name="count"/> of them, each with probability <paramref name="share"/>). The first rule that fires wins.</summary>
    public FaultyS3Proxy Fail(Func<ProxiedRequest, bool> when, S3Fault fault, int? count = null, double share = 1.0)
    {
        lock (_gate) _rules.Add(new Rule(when, fault, count ?? int.MaxValue, share));
        return this;
    }

    public void ClearFaults()
    {
        lock (_gate) _rules.Clear();
    }

    public int Requests(S3RequestKind kind)
    {
        lock (_gate) return _log.Count(e => e.Request.Kind == kind);
    }

    public int Faults(S3RequestKind kind)
    {
        lock (_gate) return _log.Count(e => e.Request.Kind == kind && e.Fault is not null);
    }

    public int TotalRequests
    {
        get { lock (_gate) return _log.Count; }
    }

    public int TotalFaults
    {
        get { lock (_gate) return _log.Count(e => e.Fault is not null); }
    }

    public IReadOnlyList<(ProxiedRequest Request, S3Fault? Fault)> Log
    {
        get { lock (_gate) return [.. _log]; }
    }

    /// <summary>What went wrong while serving (clients that went away, moto failing), for diagnosing a test.</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_gate) return [.. _errors]; }
    }

    public static S3RequestKind Classify(string method, string path, IReadOnlyDictionary<string, string> query)
    {
        // Path-style: /bucket or /bucket/key...
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        var hasKey = slash >= 0 && slash < trimmed.Length - 1;
        return method switch
        {
            "GET" when !hasKey && query.ContainsKey("uploads") => S3RequestKind.ListMultipartUploads,
            "GET" when !hasKey && trimmed.Length > 0 && !query.ContainsKey("location") => S3RequestKind.ListObjects,
            "GET" when hasKey && !query.ContainsKey("uploadId") && !query.ContainsKey("tagging") && !query.ContainsKey("acl") => S3RequestKind.GetObject,
            "HEAD" when hasKey => S3RequestKind.HeadObject,
            "PUT" when hasKey && query.ContainsKey("uploadId") && query.ContainsKey("partNumber") => S3RequestKind.UploadPart,
            "PUT" when hasKey && query.Count == 0 => S3RequestKind.PutObject,
            "POST" when hasKey && query.ContainsKey("uploads") => S3RequestKind.CreateMultipartUpload,
            "POST" when hasKey && query.ContainsKey("uploadId") => S3RequestKind.CompleteMultipartUpload,
            "POST" when !hasKey && query.ContainsKey("delete") => S3RequestKind.DeleteObjects,
            "DELETE" when hasKey && query.ContainsKey("uploadId") => S3RequestKind.AbortMultipartUpload,
            _ => S3RequestKind.Other,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
        Task[] pending;
        lock (_gate) pending = [.. _inFlight];
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(10)));
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { return; }
            var task = Task.Run(() => Serve(socket));
            lock (_gate)
            {
                _inFlight.RemoveAll(t => t.IsCompleted);
                _inFlight.Add(task);
            }
        }
    }

    // One request per connection: read it whole, then answer (forwarded or faulty) and close.
    private async Task Serve(Socket socket)
    {
        using var _ = socket;
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new HttpReader(stream);
        try
        {
            var head = await reader.ReadHeadAsync(_stop.Token);
            if (head is null) return;
            if (head.Header("Expect")?.Equals("100-continue", StringComparison.OrdinalIgnoreCase) == true)
                await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
            var body = await reader.ReadBodyAsync(head, _stop.Token);

            S3Fault? fault;
            lock (_gate)
            {
                var seen = new ProxiedRequest(++_sequence, Classify(head.Method, head.Path, head.Query), head.Method, head.Path, head.Query);
                fault = Decide(seen);
                _log.Add((seen, fault));
            }
            switch (fault)
            {
                case null:
                    await Forward(head, body, stream, socket, truncate: false);
                    break;
                case S3Fault.TruncatedBody:
                    await Forward(head, body, stream, socket, truncate: true);
                    break;
                case S3Fault.ConnectionReset:
                    Reset(socket);
                    break;
                default:
                    await Answer(head, fault.Value, stream);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or HttpRequestException or OperationCanceledException or ObjectDisposedException or FormatException)
        {
            // The client went away, or moto did: drop the connection, as a broken network would.
            lock (_gate) _errors.Add($"{e.GetType().Name}: {e.Message}");
            Reset(socket);
        }
    }

    private S3Fault? Decide(ProxiedRequest request)
    {
        foreach (var rule in _rules)
        {
            if (rule.Remaining <= 0 || !rule.When(request)) continue;
            if (rule.Share < 1.0 && _random.NextDouble() >= rule.Share) continue;
            rule.Remaining--;
            return rule.Fault;
        }
        return null;
    }

    private async Task Forward(RequestHead head, byte[] body, NetworkStream client, Socket socket, bool truncate)
    {
        using var message = new HttpRequestMessage(new HttpMethod(head.Method), _target + head.Target);
        if (body.Length > 0 || head.Method is "PUT" or "POST") message.Content = new ByteArrayContent(body);
        foreach (var (name, value) in head.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        // The signature covers Host: keep the client's (moto does not check it, S3 would).
        message.Headers.Host = head.Header("Host");

        using var upstream = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        var isHead = head.Method == "HEAD";
        var length = upstream.Content.Headers.ContentLength;
        byte[]? buffered = null;
        if (length is null && !isHead)
        {
            buffered = await upstream.Content.ReadAsByteArrayAsync(_stop.Token);
            length = buffered.Length;
        }

        var text = new StringBuilder();
        text.Append($"HTTP/1.1 {(int)upstream.StatusCode} {upstream.ReasonPhrase}\r\n");
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (HopByHop.Contains(name)) continue;
            foreach (var value in values) text.Append($"{name}: {value}\r\n");
        }
        if (length is { } n) text.Append($"Content-Length: {n}\r\n");
        text.Append("Connection: close\r\n\r\n");
        await client.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
        if (isHead) return;

        await using var source = buffered is null ? await upstream.Content.ReadAsStreamAsync(_stop.Token) : new MemoryStream(buffered);
        var keep = truncate ? Math.Max(1, (length ?? 2) / 2) : long.MaxValue;
        var chunk = new byte[64 * 1024];
        while (keep > 0)
        {
            var read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, keep)), _stop.Token);
            if (read == 0) break;
            await client.WriteAsync(chunk.AsMemory(0, read), _stop.Token);
            keep -= read;
        }
        await client.FlushAsync(_stop.Token);
        if (truncate) Reset(socket);
        else socket.Shutdown(SocketShutdown.Send);
    }

    private async Task Answer(RequestHead head, S3Fault fault, NetworkStream client)
    {
        var (status, reason, code, message) = fault switch
        {
            S3Fault.SlowDown => (503, "Slow Down", "SlowDown", "Please reduce your request rate."),
            S3Fault.TooManyRequests => (429, "Too Many Requests", "TooManyRequests", "Too many requests."),
            S3Fault.NoSuchKey => (404, "Not Found", "NoSuchKey", "The specified key does not exist."),
            _ => (500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again."),
        };
        var xml = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>FAULTYPROXY</RequestId><HostId>faulty-s3-proxy</HostId></Error>");
        var body = head.Method == "HEAD" ? [] : xml; // S3 answers HEAD errors without a body
        var text = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/xml\r\nx-amz-request-id: FAULTYPROXY\r\n" +
                   $"Date: {DateTime.UtcNow:R}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await client.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);
        await client.WriteAsync(body, _stop.Token);
        await client.FlushAsync(_stop.Token);
    }

    /// <summary>Closes with RST rather than FIN: the client sees "connection reset by peer".</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    private sealed class Rule(Func<ProxiedRequest, bool> when, S3Fault fault, int remaining, double share)
    {
        public Func<ProxiedRequest, bool> When { get; } = when;
        public S3Fault Fault { get; } = fault;
        public int Remaining { get; set; } = remaining;
        public double Share { get; } = share;
    }

    private sealed record RequestHead(string Method, string Target, string Path, IReadOnlyDictionary<string, string> Query, List<(string Name, string Value)> Headers)
    {
        public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>Just enough HTTP/1.1 to read what the SDK sends: a head, then a body by Content-Length or chunked.</summary>
    private sealed class HttpReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<RequestHead?> ReadHeadAsync(CancellationToken ct)
        {
            var requestLine = await ReadLineAsync(ct);
            if (requestLine is null) return null;
            var parts = requestLine.Split(' ');
            if (parts.Length != 3) throw new FormatException($"bad request line '{requestLine}'");
            var headers = new List<(string, string)>();
            while (await ReadLineAsync(ct) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':');
                if (colon > 0) headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
            var target = parts[1];
            var q = target.IndexOf('?');
            var path = Uri.UnescapeDataString(q < 0 ? target : target[..q]);
            return new RequestHead(parts[0], target, path, ParseQuery(q < 0 ? "" : target[(q + 1)..]), headers);
        }

        public async Task<byte[]> ReadBodyAsync(RequestHead head, CancellationToken ct)
        {
            if (head.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            {
                var body = new MemoryStream();
                while (true)
                {
                    var sizeLine = await ReadLineAsync(ct) ?? throw new IOException("body ended");
                    var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                    if (size == 0)
                    {
                        while (await ReadLineAsync(ct) is { Length: > 0 }) { } // trailers
                        return body.ToArray();
                    }
                    body.Write(await ReadExactlyAsync(size, ct));
                    await ReadLineAsync(ct);
                }
            }
            var length = long.TryParse(head.Header("Content-Length"), out var n) ? n : 0;
            return await ReadExactlyAsync(checked((int)length), ct);
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            var done = Math.Min(count, _end - _start);
            Array.Copy(_buffer, _start, result, 0, done);
            _start += done;
            if (done < count) await stream.ReadExactlyAsync(result.AsMemory(done), ct);
            return result;
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, ct);
                    if (_end == 0) return line.Length == 0 ? null : throw new IOException("connection closed inside a line");
                }
                var c = (char)_buffer[_start++];
                if (c == '\n') return line.ToString().TrimEnd('\r');
                line.Append(c);
            }
        }

        private static Dictionary<string, string> ParseQuery(string query)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                var name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
                result[name] = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..]);
            }
            return result;
        }
    }
}
