using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AkkaEtl.Storage;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AkkaEtl.Tests.Support;

/// <summary>
/// A moto_server (an S3 look-alike) on a free loopback port, for as long as a test class or a collection lives.
/// It is started by PID and killed with its process tree on dispose; clients get dummy credentials. Each test
/// makes its own bucket (<see cref="CreateBucketAsync"/>), so tests need no reset between them.
/// </summary>
public sealed class MotoServerFixture : IAsyncLifetime
{
    private const string InstallHint =
        "moto_server was not found on PATH. The S3 tests run against it: install it with `pip install \"moto[server]\"` " +
        "(moto 5.x, Python 3), make sure `moto_server` is on PATH, and run the tests again.";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;
    private IAmazonS3? _client;

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string EndpointUrl => $"http://127.0.0.1:{Port}";

    public AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    /// <summary>Settings for moto (or for a proxy in front of it), with retries quick enough for tests.</summary>
    public S3Settings SettingsFor(string endpointUrl) => new()
    {
        ServiceUrl = endpointUrl,
        Region = "us-east-1",
        ForcePathStyle = true,
        MaxErrorRetry = 3,
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(30),
        ScratchDirectory = Path.Combine(Path.GetTempPath(), "akkaetl-tests", "s3-scratch"),
    };

    public S3Settings Settings => SettingsFor(EndpointUrl);

    /// <summary>A client straight to moto, shared by the tests (to seed and inspect buckets).</summary>
    public IAmazonS3 Client => _client ?? throw new InvalidOperationException("moto is not started");

    /// <summary>A new client (the caller disposes it), e.g. to count requests through SDK events.</summary>
    public IAmazonS3 CreateClient(S3Settings? settings = null) => S3ClientFactory.Create(settings ?? Settings, Credentials);

    public S3ObjectStore Store(string bucket, string prefix = "", S3Settings? settings = null) =>
        new(Client, bucket, prefix, settings ?? Settings);

    /// <summary>Creates a bucket with a name no other test uses.</summary>
    public async Task<string> CreateBucketAsync(string hint = "t")
    {
        var clean = new string(hint.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(30).ToArray()).Trim('-');
        var name = $"{(clean.Length == 0 ? "t" : clean)}-{Guid.NewGuid():N}";
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>
    /// Creates many small objects fast: plain unsigned PUTs (moto does not check signatures), 32 at a time. moto
    /// stores about 200 objects a second on this kind of machine, whoever asks.
    /// </summary>
    public async Task PutObjectsAsync(string bucket, IEnumerable<string> keys, Func<string, byte[]> content, CancellationToken ct = default)
    {
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (key, token) =>
        {
            var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
            using var response = await _http.PutAsync($"{EndpointUrl}/{bucket}/{path}", new ByteArrayContent(content(key)), token);
            response.EnsureSuccessStatusCode();
        });
    }

    /// <summary>Forgets every bucket and object (POST /moto-api/reset).</summary>
    public async Task ResetAsync()
    {
        using var response = await _http.PostAsync($"{EndpointUrl}/moto-api/reset", content: null);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask InitializeAsync()
    {
        var executable = FindOnPath("moto_server") ?? throw new InvalidOperationException(InstallHint);
        Exception? last = null;
        // A port found free can be taken before moto binds it: then moto exits, and another port is tried.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreeLoopbackPort();
            _process = Start(executable, Port);
            try
            {
                await WaitUntilAnswering();
                _client = CreateClient();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
                Kill();
            }
        }
        throw new InvalidOperationException($"moto_server did not start: {last?.Message}\n{Output()}", last);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _http.Dispose();
        Kill();
        if (_process is not null)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
            _process.Dispose();
        }
    }

    private Process Start(string executable, int port)
    {
        var info = new ProcessStartInfo(executable)
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AWS_ACCESS_KEY_ID"] = "test";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        info.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnswering()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode}");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await _http.GetAsync($"{EndpointUrl}/moto-api/", probe.Token);
                return; // any HTTP answer: it is serving
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (deadline.Elapsed > StartTimeout) throw new TimeoutException($"moto_server did not answer on {EndpointUrl} within {StartTimeout}");
            await Task.Delay(50); // polling interval
        }
    }

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length > 20_000) _output.Remove(0, 10_000);
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd", name] : new[] { name })
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }
}

/// <summary>One moto_server shared by every test class in the collection: <c>[Collection(MotoServerCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class MotoServerCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "moto_server";
}
