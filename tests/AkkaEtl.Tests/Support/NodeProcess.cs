using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AkkaEtl.Tests.Support;

/// <summary>
/// A cluster node as a real process (akkaetl serve, or akkaetl-worker), with its output captured, so tests can
/// kill -9 it, SIGTERM it, and watch what it printed.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Address => $"akka.tcp://akkaetl@127.0.0.1:{Port}";

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static NodeProcess Coordinator(int port, int apiPort, string seeds, string source, string warehouse, string state, bool worker, params string[] extra) =>
        Start("coordinator-" + port, EtlCli.Dll, port,
        [
            "serve", "--port", port.ToString(), "--seeds", seeds, "--api", $"127.0.0.1:{apiPort}", "--source", source, "--warehouse", warehouse,
            "--state", state, "--heartbeat-pause", "3s", "--stable-after", "4s", .. worker ? new[] { "--worker" } : [], .. extra,
        ]);

    public static NodeProcess Worker(int port, string seeds, params string[] extra) => Worker(port, seeds, fault: null, extra);

    /// <summary>A worker node with <see cref="Common.FaultInjection"/> points set (AKKAETL_FAULT).</summary>
    public static NodeProcess Worker(int port, string seeds, string? fault, params string[] extra) =>
        Start("worker-" + port, WorkerDll, port,
            ["--port", port.ToString(), "--seeds", seeds, "--heartbeat-pause", "3s", "--stable-after", "4s", "--verbose", .. extra], fault);

    /// <summary>The worker program from its own build output (its dependencies differ from the tests').</summary>
    public static string WorkerDll
    {
        get
        {
            var configuration = typeof(NodeProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
                .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
            var dll = Path.Combine(TestPaths.RepoRoot, "src", "Worker", "bin", configuration, "net10.0", "akkaetl-worker.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is built with the solution");
        }
    }

    private static NodeProcess Start(string name, string dll, int port, string[] args, string? fault = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (fault is not null) psi.Environment[Common.FaultInjection.Variable] = fault;
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, port);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the node's coordinated shutdown runs (graceful leave).</summary>
    public void Terminate()
    {
        if (kill(_process.Id, 15) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) KillHard();
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
            // Stop the output readers before disposing: a reader callback on a disposed process would crash the tests.
            _process.CancelOutputRead();
            _process.CancelErrorRead();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

/// <summary>The control API of a coordinator node, for tests.</summary>
public sealed class ApiClient(int port, string? token = null) : IDisposable
{
    private readonly HttpClient _http = Create(port, token);

    private static HttpClient Create(int port, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public HttpClient Http => _http;

    /// <summary>Polls until the API answers (the node is up), without fixed sleeps.</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout, NodeProcess? node = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (node is { HasExited: true }) throw new InvalidOperationException($"{node.Name} exited:\n{node.Output}");
            try
            {
                using var response = await _http.GetAsync("api/days");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the API on {_http.BaseAddress} did not come up in {timeout}\n{node?.Output}");
    }

    public async Task<JsonElement> SubmitAsync(string table, string days, bool full = false)
    {
        using var response = await _http.PostAsJsonAsync("api/days", new { table, days, full });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<List<JsonElement>> DaysAsync()
    {
        var body = await _http.GetStringAsync("api/days");
        return JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
    }

    /// <summary>Polls the days until <paramref name="done"/> holds (the poll is the condition, not a sleep).</summary>
    public async Task<List<JsonElement>> WaitForAsync(Func<List<JsonElement>, bool> done, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<JsonElement> days = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                days = await DaysAsync();
                if (done(days)) return days;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"condition not met in {timeout}; days: {string.Join("; ", days.Select(d => $"{d.GetProperty("day")} {d.GetProperty("state")} {d.GetProperty("items_done")}/{d.GetProperty("items_total")}"))}\n{diagnostics?.Invoke()}");
    }

    /// <summary>Polls until this many members are up.</summary>
    public async Task WaitForMembersAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var doc = JsonDocument.Parse(await _http.GetStringAsync("api/cluster"));
                seen = doc.RootElement.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "up");
                if (seen >= count) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{seen} members up after {timeout}, expected {count}");
    }

    public static bool AllFinal(List<JsonElement> days, int count) =>
        days.Count == count && days.All(d => d.GetProperty("state").GetString() is "committed" or "empty" or "failed" or "cancelled");

    public void Dispose() => _http.Dispose();
}
