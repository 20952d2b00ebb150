using System.Diagnostics;
using System.Text.Json;
using AkkaEtl.Tests.Hosting;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>
/// Remoting over TLS between real processes on loopback: nodes whose certificates the cluster's private CA signed
/// form a cluster and process a day; a node with a certificate from another CA, a self-signed one, or no TLS at all
/// is refused at the handshake and never becomes a member.
/// </summary>
[Collection("processes")]
public sealed class TlsClusterTests : IAsyncDisposable
{
    private const string Password = "node-secret-pw";
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(40);
    private readonly TempDir _dir = new("tls-cluster");
    private readonly List<NodeProcess> _nodes = [];
    private readonly TestCertificateAuthority _ca = new("AkkaEtl Test Cluster CA");

    public async ValueTask DisposeAsync()
    {
        foreach (var n in _nodes) await n.DisposeAsync();
        _ca.Dispose();
        _dir.Dispose();
    }

    private string CaFile => _ca.WritePem(_dir.Sub("ca.crt"));

    private string[] TlsFlags(string name, string? caFile = null) =>
        ["--tls-cert", TestCertificateAuthority.WritePfx(_ca.Issue(name), _dir.Sub(name + ".pfx"), Password), "--tls-cert-password", Password, "--tls-ca", caFile ?? CaFile];

    private static string TlsAddress(NodeProcess node) => $"akka.ssl.tcp://akkaetl@127.0.0.1:{node.Port}";

    private NodeProcess Track(NodeProcess node)
    {
        _nodes.Add(node);
        return node;
    }

    private (NodeProcess Node, ApiClient Api, string Seeds) StartCoordinator(string source, params string[] tls)
    {
        var port = NodeProcess.FreePort();
        var apiPort = NodeProcess.FreePort();
        var seeds = $"127.0.0.1:{port}";
        var node = Track(NodeProcess.Coordinator(port, apiPort, seeds, source, _dir.Sub("wh"), _dir.Sub("state"), worker: false,
            [.. tls, "--target-item-size", "1MiB", "--verbose"]));
        return (node, new ApiClient(apiPort), seeds);
    }

    private NodeProcess StartWorker(string seeds, params string[] flags) =>
        Track(NodeProcess.Worker(NodeProcess.FreePort(), seeds, ["--workers", "2", .. flags]));

    private string Diagnostics() => string.Join("\n", _nodes.Select(n => $"===== {n.Name} (exited: {n.HasExited})\n{Tail(n.Output)}"));

    private static string Tail(string text) => text.Length > 5000 ? text[^5000..] : text;

    private static async Task<List<(string Address, string Status)>> MembersAsync(ApiClient api)
    {
        using var doc = JsonDocument.Parse(await api.Http.GetStringAsync("api/cluster"));
        return doc.RootElement.GetProperty("members").EnumerateArray()
            .Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!)).ToList();
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the poll is the condition, not a sleep).</summary>
    private async Task Eventually(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{what}: not seen within {timeout}\n{Diagnostics()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Nodes_with_certificates_from_the_private_CA_form_a_cluster_and_process_a_day()
    {
        var raw = _dir.Sub("raw");
        var gen = await EtlCli.RunAsync("generate", "--out", raw, "--days", "2021-03-01", "--files", "4", "--records-per-file", "150", "--seed", "3");
        Assert.True(gen.ExitCode == 0, gen.ToString());
        var (coordinator, api, seeds) = StartCoordinator(raw, TlsFlags("coordinator"));
        var worker = StartWorker(seeds, TlsFlags("worker-1"));
        await api.WaitUntilUpAsync(JoinTimeout, coordinator);
        await api.WaitForMembersAsync(2, JoinTimeout);
        var members = await MembersAsync(api);
        Assert.Contains((TlsAddress(worker), "up"), members);
        Assert.Contains((TlsAddress(coordinator), "up"), members);

        await api.SubmitAsync("jobs", "2021-03-01");
        var days = await api.WaitForAsync(d => ApiClient.AllFinal(d, 1), JoinTimeout, Diagnostics);
        Assert.True(days[0].GetProperty("state").GetString() == "committed", $"{days[0]}\n{Diagnostics()}");
        Assert.Equal(600, days[0].GetProperty("lines").GetInt64());
        Assert.Equal(days[0].GetProperty("rows").GetInt64() - days[0].GetProperty("duplicates_dropped").GetInt64(), days[0].GetProperty("committed_rows").GetInt64());
        // The coordinator node holds no worker role: every item went over TLS to the worker.
        var nodes = Directory.GetFiles(_dir.Sub("wh", "_catalog", "manifests"), "*.json", SearchOption.AllDirectories)
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("sources").EnumerateArray())
            .Select(s => s.GetProperty("node").GetString()).Distinct().ToList();
        Assert.Equal([TlsAddress(worker)], nodes);
        Assert.DoesNotContain(Password, coordinator.Output + worker.Output);
    }

    [Fact]
    public async Task Nodes_with_a_certificate_from_another_CA_or_a_self_signed_one_are_refused()
    {
        var (coordinator, api, seeds) = StartCoordinator(_dir.Sub("raw-empty"), TlsFlags("coordinator"));
        Directory.CreateDirectory(_dir.Sub("raw-empty"));
        using var other = new TestCertificateAuthority("Some Other CA");
        // Both intruders trust the cluster's CA (its certificate is not secret), so only the cluster's check can stop them.
        var foreign = StartWorker(seeds, "--tls-cert", TestCertificateAuthority.WritePfx(other.Issue("intruder-other-ca"), _dir.Sub("foreign.pfx"), Password),
            "--tls-cert-password", Password, "--tls-ca", CaFile);
        var selfSigned = StartWorker(seeds, "--tls-cert", TestCertificateAuthority.WritePfx(TestCertificateAuthority.SelfSigned("intruder-self-signed"), _dir.Sub("self.pfx"), Password),
            "--tls-cert-password", Password, "--tls-ca", CaFile);
        var good = StartWorker(seeds, TlsFlags("worker-ok"));
        await api.WaitUntilUpAsync(JoinTimeout, coordinator);
        await api.WaitForMembersAsync(2, JoinTimeout); // the good worker joined while the intruders were trying

        await Eventually(() => coordinator.Output.Contains("CN=intruder-other-ca") && coordinator.Output.Contains("CN=intruder-self-signed"),
            JoinTimeout, "the coordinator refusing both certificates");
        Assert.Matches(@"TLS: refused .*CN=intruder-other-ca.*is not accepted by the cluster CA \(.*(UntrustedRoot|PartialChain)", coordinator.Output);
        Assert.Matches(@"TLS: refused .*CN=intruder-self-signed.*is not accepted by the cluster CA", coordinator.Output);
        // Each intruder warned at start that its certificate is not the CA's; under TLS 1.3 it learns of the refusal
        // only as the coordinator closing the connection (the reason is in the coordinator's log above).
        var failure = $"Association failed with {TlsAddress(coordinator)}";
        await Eventually(() => foreign.Output.Contains(failure) && selfSigned.Output.Contains(failure), JoinTimeout, "the intruders logging the failed association");
        Assert.Matches(@"TLS: this node's own certificate \[CN=intruder-other-ca\] is not accepted by the cluster CA .*other nodes will refuse it", foreign.Output);
        Assert.Matches(@"TLS: this node's own certificate \[CN=intruder-self-signed\] is not accepted by the cluster CA .*other nodes will refuse it", selfSigned.Output);

        var members = (await MembersAsync(api)).Select(m => m.Address).ToList();
        Assert.Equal(new[] { TlsAddress(coordinator), TlsAddress(good) }.Order(), members.Order());
        Assert.DoesNotContain(TlsAddress(foreign), members);
        Assert.DoesNotContain(TlsAddress(selfSigned), members);
    }

    [Fact]
    public async Task A_node_without_TLS_cannot_join_a_TLS_cluster()
    {
        Directory.CreateDirectory(_dir.Sub("raw-empty"));
        var (coordinator, api, seeds) = StartCoordinator(_dir.Sub("raw-empty"), TlsFlags("coordinator"));
        await api.WaitUntilUpAsync(JoinTimeout, coordinator);
        var plain = StartWorker(seeds);
        await Eventually(() => coordinator.Output.Contains("Rejected incoming connection"), JoinTimeout, "the coordinator refusing a plain connection");
        Assert.Contains("not an SSL/TLS record", coordinator.Output); // the plain Akka handshake where TLS was due
        await Eventually(() => plain.Output.Contains($"akka.tcp://akkaetl@{seeds}"), JoinTimeout, "the plain node logging the failed association");
        var members = await MembersAsync(api);
        Assert.Equal([(TlsAddress(coordinator), "up")], members);
        Assert.DoesNotContain(members, m => m.Address.EndsWith($":{plain.Port}", StringComparison.Ordinal));
    }
}
