using System.Text.Json;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>Two days of generated data and what one process makes of them: the reference for the cluster tests.</summary>
public sealed class ClusterDataFixture : IAsyncLifetime
{
    public const string Days = "2021-01-01..2021-01-02";
    private readonly TempDir _dir = new("cluster-data");

    public string Raw => _dir.Sub("raw");
    public string ReferenceWarehouse => _dir.Sub("wh-ref");
    public Dictionary<string, long> ReferenceRows { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var gen = await EtlCli.RunAsync("generate", "--out", Raw, "--days", Days, "--files", "24", "--records-per-file", "800", "--seed", "21");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        var run = await EtlCli.RunAsync("run", "--source", Raw, "--warehouse", ReferenceWarehouse, "--table", "jobs", "--days", Days, "--json",
            "--target-item-size", "3MiB");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var d in JsonDocument.Parse(run.StdOut).RootElement.GetProperty("days").EnumerateArray())
            ReferenceRows[d.GetProperty("day").GetString()!] = d.GetProperty("committed_rows").GetInt64();
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Real processes on loopback: a coordinator node and worker nodes form a cluster and process days; workers and
/// coordinators are killed (kill -9), terminated (SIGTERM) and added while a day runs.
/// </summary>
[Collection("processes")]
public sealed class ClusterTests(ClusterDataFixture data) : IClassFixture<ClusterDataFixture>, IAsyncDisposable
{
    private static readonly TimeSpan DayTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDir _dir = new("cluster");
    private readonly List<NodeProcess> _nodes = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var n in _nodes) await n.DisposeAsync();
        _dir.Dispose();
    }

    private string Warehouse => _dir.Sub("wh");
    private string[] SmallItems => ["--target-item-size", "3MiB", "--workers", "2"];

    private NodeProcess Track(NodeProcess node)
    {
        _nodes.Add(node);
        return node;
    }

    private (NodeProcess Node, ApiClient Api, string Seeds) StartCoordinator(bool worker, string? seeds = null, string? state = null, string[]? extra = null)
    {
        var port = NodeProcess.FreePort();
        var apiPort = NodeProcess.FreePort();
        seeds ??= $"127.0.0.1:{port}";
        var node = Track(NodeProcess.Coordinator(port, apiPort, seeds, data.Raw, Warehouse, state ?? _dir.Sub("state"), worker, [.. SmallItems, "--verbose", .. extra ?? []]));
        return (node, new ApiClient(apiPort), seeds);
    }

    private NodeProcess StartWorker(string seeds) => Track(NodeProcess.Worker(NodeProcess.FreePort(), seeds, "--workers", "2"));

    private string Diagnostics() => string.Join("\n", _nodes.Select(n => $"===== {n.Name} (exited: {n.HasExited})\n{Tail(n.Output)}"));

    private static string Tail(string text) => text.Length > 6000 ? text[^6000..] : text;

    private async Task<List<JsonElement>> WaitAllFinal(ApiClient api) =>
        await api.WaitForAsync(days => ApiClient.AllFinal(days, 2), DayTimeout, Diagnostics);

    private Task<List<JsonElement>> WaitSomeItemsDone(ApiClient api, int atLeast) =>
        api.WaitForAsync(days => days.Sum(d => d.GetProperty("items_done").GetInt32()) >= atLeast, DayTimeout, Diagnostics);

    /// <summary>The committed days match the one-process run, and no source line is there twice.</summary>
    private async Task AssertSameAsReference(List<JsonElement> days)
    {
        foreach (var d in days)
        {
            Assert.True(d.GetProperty("state").GetString() == "committed", $"{d}\n{Diagnostics()}");
            Assert.Equal(data.ReferenceRows[d.GetProperty("day").GetString()!], d.GetProperty("committed_rows").GetInt64());
        }
        var q = await EtlCli.RunAsync("query", "--warehouse", Warehouse, "--format", "json",
            "SELECT count(*) AS n, count(DISTINCT (source_file, source_line)) AS lines FROM jobs");
        using var r = JsonDocument.Parse(q.StdOut);
        Assert.Equal(data.ReferenceRows.Values.Sum(), r.RootElement[0].GetProperty("n").GetInt64());
        Assert.Equal(data.ReferenceRows.Values.Sum(), r.RootElement[0].GetProperty("lines").GetInt64());
    }

    /// <summary>Node and attempts of every processed source file, from the committed manifests.</summary>
    private List<(int Item, string Node, int Attempts, string Day)> Manifest()
    {
        var result = new List<(int, string, int, string)>();
        foreach (var file in Directory.GetFiles(_dir.Sub("wh", "_catalog", "manifests"), "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var day = doc.RootElement.GetProperty("day").GetString()!;
            foreach (var s in doc.RootElement.GetProperty("sources").EnumerateArray())
                result.Add((s.GetProperty("item").GetInt32(), s.GetProperty("node").GetString()!, s.GetProperty("attempts").GetInt32(), day));
        }
        return result;
    }

    [Fact]
    public async Task A_coordinator_and_two_workers_process_days_like_one_process()
    {
        var (coordinator, api, seeds) = StartCoordinator(worker: false);
        await api.WaitUntilUpAsync(TimeSpan.FromMinutes(1), coordinator);
        var w1 = StartWorker(seeds);
        var w2 = StartWorker(seeds);
        await api.WaitForMembersAsync(3, TimeSpan.FromMinutes(1));
        await api.SubmitAsync("jobs", ClusterDataFixture.Days);
        await AssertSameAsReference(await WaitAllFinal(api));
        var nodes = Manifest().Select(m => m.Node).Distinct().ToHashSet();
        Assert.Equal(new[] { w1.Address, w2.Address }.ToHashSet(), nodes); // the coordinator node holds no worker role
    }

    [Fact]
    public async Task A_worker_killed_mid_day_has_its_items_redone_elsewhere()
    {
        var (coordinator, api, seeds) = StartCoordinator(worker: false);
        await api.WaitUntilUpAsync(TimeSpan.FromMinutes(1), coordinator);
        var doomed = StartWorker(seeds);
        var survivor = StartWorker(seeds);
        await api.WaitForMembersAsync(3, TimeSpan.FromMinutes(1));
        await api.SubmitAsync("jobs", ClusterDataFixture.Days);
        await WaitSomeItemsDone(api, 3);
        doomed.KillHard();
        var days = await WaitAllFinal(api);
        await AssertSameAsReference(days);
        Assert.Contains(Manifest(), m => m.Node == survivor.Address && m.Attempts >= 2); // something was redone after the kill
        Assert.Contains($"{doomed.Address} left", coordinator.Output);
    }

    [Fact]
    public async Task The_coordinator_killed_mid_day_moves_to_the_second_coordinator_node_which_carries_on()
    {
        var (first, api1, seeds) = StartCoordinator(worker: true);
        await api1.WaitUntilUpAsync(TimeSpan.FromMinutes(1), first);
        var (second, api2, _) = StartCoordinator(worker: true, seeds: seeds);
        await api2.WaitUntilUpAsync(TimeSpan.FromMinutes(1), second);
        // A third node, so that the survivors are a majority when the first goes (keep-majority downs a lone half).
        StartWorker(seeds);
        await api1.WaitForMembersAsync(3, TimeSpan.FromMinutes(1));
        await api1.SubmitAsync("jobs", ClusterDataFixture.Days);
        await WaitSomeItemsDone(api1, 3);
        first.KillHard();
        var days = await WaitAllFinal(api2);
        await AssertSameAsReference(days);
        Assert.Matches(@"resuming jobs 2021-01-0\d \(run", second.Output);
        Assert.Matches(@"resuming run \w+ with [1-9]\d* finished items", second.Output); // finished items were not redone
    }

    [Fact]
    public async Task A_worker_that_joins_mid_day_receives_work()
    {
        // Items handed out two at a time to a slow first worker: the day is still running when the late one is up,
        // and items handed out after that go to shards on the new node (sharding allocates new shards to the least loaded).
        var (coordinator, api, seeds) = StartCoordinator(worker: false, extra: ["--max-items-in-flight", "2"]);
        await api.WaitUntilUpAsync(TimeSpan.FromMinutes(1), coordinator);
        Track(NodeProcess.Worker(NodeProcess.FreePort(), seeds, fault: "slow-items", "--workers", "2"));
        await api.SubmitAsync("jobs", ClusterDataFixture.Days);
        await WaitSomeItemsDone(api, 2);
        var late = StartWorker(seeds);
        await api.WaitForMembersAsync(3, TimeSpan.FromMinutes(1));
        await AssertSameAsReference(await WaitAllFinal(api));
        Assert.Contains(Manifest(), m => m.Node == late.Address);
    }

    [Fact]
    public async Task A_worker_terminated_mid_day_leaves_cleanly_and_nothing_it_finished_is_redone()
    {
        var (coordinator, api, seeds) = StartCoordinator(worker: false);
        await api.WaitUntilUpAsync(TimeSpan.FromMinutes(1), coordinator);
        var leaving = StartWorker(seeds);
        var staying = StartWorker(seeds);
        await api.WaitForMembersAsync(3, TimeSpan.FromMinutes(1));
        await api.SubmitAsync("jobs", ClusterDataFixture.Days);
        // Terminated once it has finished rows items of its own (under load the other worker can finish the first three;
        // versions items, "...|00001|versions", come first): what it finished is what must not be redone.
        await api.WaitForAsync(_ => System.Text.RegularExpressions.Regex.IsMatch(leaving.Output, @"\|\d{5} attempt \d+ finished"), DayTimeout, Diagnostics);
        leaving.Terminate();
        Assert.True(await leaving.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the worker left within a minute\n" + Diagnostics());
        var days = await WaitAllFinal(api);
        await AssertSameAsReference(days);

        // Every item the leaving worker finished stayed finished: none was started again on the other worker.
        var finishedThere = Manifest().Where(m => m.Node == leaving.Address).Select(m => (m.Day, m.Item)).ToHashSet();
        Assert.True(finishedThere.Count > 0, "the leaving worker's finished items are in the manifest\n" + Diagnostics());
        var startedHere = System.Text.RegularExpressions.Regex.Matches(staying.Output, @"item jobs\|(\d{4}-\d{2}-\d{2})\|\w+\|(\d{5}) attempt \d+ started")
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value))).ToHashSet();
        Assert.Empty(finishedThere.Intersect(startedHere));
        Assert.DoesNotContain("Unhandled exception", leaving.Output);
    }
}
