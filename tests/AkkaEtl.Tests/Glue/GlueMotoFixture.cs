using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using AkkaEtl.Glue;

namespace AkkaEtl.Tests.Glue;

/// <summary>
/// A moto_server on a free loopback port for the Glue tests: started once for the collection, ready when it answers
/// HTTP, killed by its PID at the end. Private to the Glue tests (see Support/ for the shared one).
/// </summary>
public sealed class GlueMotoFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The last lines moto printed, for failure messages.</summary>
    public string RecentLog => string.Join('\n', _log.TakeLast(40));

    public async ValueTask InitializeAsync()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            try
            {
                await StartAsync(port);
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                last = e; // the port was taken meanwhile, or moto died: try another
                Stop();
            }
        }
        throw new InvalidOperationException($"moto_server did not start: {last?.Message}\n{RecentLog}", last);
    }

    private async Task StartAsync(int port)
    {
        var psi = new ProcessStartInfo("moto_server")
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["AWS_ACCESS_KEY_ID"] = "test";
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        psi.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start moto_server");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("moto_server is not on PATH (pip install 'moto[server]')", e);
        }
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}");
            try
            {
                using var response = await probe.GetAsync(new Uri(Endpoint, "moto-api/"));
                return; // any HTTP answer means it is serving
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50); // poll interval, not a wait for readiness
        }
        throw new TimeoutException($"moto_server did not answer on port {port} within {StartTimeout}");
    }

    /// <summary>Settings for a client of this server with dummy credentials and short retry delays.</summary>
    public GlueSettings Settings => new()
    {
        Region = "us-east-1",
        Endpoint = Endpoint,
        Credentials = new BasicAWSCredentials("test", "test"),
        BaseRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    public GlueClient CreateClient(HttpClient? http = null) => new(Settings, http);

    /// <summary>A database name no other test uses.</summary>
    public static string UniqueDatabase() => "db_" + Guid.NewGuid().ToString("N")[..12];

    private void Remember(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_log.Count > 200) _log.TryDequeue(out _);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Stop()
    {
        var p = _process;
        _process = null;
        if (p is null) return;
        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
        finally
        {
            p.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class GlueMotoCollection : ICollectionFixture<GlueMotoFixture>
{
    public const string Name = "Glue on moto";
}
