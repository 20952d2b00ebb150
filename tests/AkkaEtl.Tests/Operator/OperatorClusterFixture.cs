using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Operator;

/// <summary>
/// A coordinator node and a worker node on loopback, over small generated days, for the operator tests; tests that
/// need a node of their own (another API bind, a cancel) start one with <see cref="StartSoloAsync"/>.
/// </summary>
public sealed class OperatorClusterFixture : IAsyncLifetime
{
    public const string SubmitDays = "2021-03-01..2021-03-03";
    /// <summary>Two days with data and a third without (empty): the status page test's days.</summary>
    public const string PageDays = "2021-03-04..2021-03-06";
    public const string CancelDay = "2021-03-20";
    public const int MaxRangeDays = 31;

    private readonly TempDir _dir = new("operator");
    private readonly List<NodeProcess> _nodes = [];

    public string Raw => _dir.Sub("raw");
    public string Warehouse => _dir.Sub("wh");
    public string Scratch(string name) => _dir.Sub("scratch", name);
    public int ApiPort { get; private set; }
    public string Host => $"127.0.0.1:{ApiPort}";
    public ApiClient Api { get; private set; } = null!;
    public NodeProcess Coordinator { get; private set; } = null!;
    public NodeProcess Worker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var generated = await Task.WhenAll(
            EtlCli.RunAsync("generate", "--out", Raw, "--days", "2021-03-01..2021-03-05", "--files", "3", "--records-per-file", "300", "--seed", "11"),
            EtlCli.RunAsync("generate", "--out", Raw, "--days", CancelDay, "--files", "24", "--records-per-file", "400", "--seed", "12"));
        foreach (var g in generated) Assert.True(g.ExitCode == 0, g.ToString());

        var port = NodeProcess.FreePort();
        ApiPort = NodeProcess.FreePort();
        var seeds = $"127.0.0.1:{port}";
        Coordinator = Track(NodeProcess.Coordinator(port, ApiPort, seeds, Raw, Warehouse, _dir.Sub("state"), worker: false,
            "--attempts", "1", "--max-range-days", MaxRangeDays.ToString(), "--target-item-size", "1MiB", "--verbose"));
        Api = new ApiClient(ApiPort);
        await Api.WaitUntilUpAsync(TimeSpan.FromMinutes(1), Coordinator);
        Worker = Track(NodeProcess.Worker(NodeProcess.FreePort(), seeds, "--workers", "2"));
        await Api.WaitForMembersAsync(2, TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// A one-node cluster (coordinator and worker) over the same source, with its own warehouse and state; with
    /// <paramref name="bindAny"/> its API listens on 0.0.0.0 (tests still reach it through 127.0.0.1).
    /// </summary>
    public async Task<(NodeProcess Node, int ApiPort)> StartSoloAsync(string name, string? token, bool bindAny, params string[] extra)
    {
        var port = NodeProcess.FreePort();
        var apiPort = NodeProcess.FreePort();
        // A second --api after the helper's loopback one: the last value wins.
        string[] bind = bindAny ? ["--api", $"0.0.0.0:{apiPort}"] : [];
        string[] auth = token is null ? [] : ["--token", token];
        var node = Track(NodeProcess.Coordinator(port, apiPort, $"127.0.0.1:{port}", Raw, _dir.Sub(name, "wh"), _dir.Sub(name, "state"), worker: true,
            ["--attempts", "1", "--target-item-size", "1MiB", .. bind, .. auth, .. extra]));
        using var api = new ApiClient(apiPort, token);
        await api.WaitUntilUpAsync(TimeSpan.FromMinutes(1), node);
        return (node, apiPort);
    }

    public NodeProcess Track(NodeProcess node)
    {
        lock (_nodes) _nodes.Add(node);
        return node;
    }

    /// <summary>etl --host (this coordinator) ARGS.</summary>
    public Task<CliResult> Etl(params string[] args) => EtlTool.RunAsync(["--host", Host, .. args]);

    public string Diagnostics()
    {
        lock (_nodes)
            return string.Join("\n", _nodes.Select(n => $"===== {n.Name} (exited: {n.HasExited})\n{(n.Output.Length > 6000 ? n.Output[^6000..] : n.Output)}"));
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        foreach (var n in _nodes) await n.DisposeAsync();
        _dir.Dispose();
    }
}
