namespace AkkaEtl.Hosting;

/// <summary>How a node joins the cluster and logs, from its command-line flags.</summary>
public sealed record EtlNodeOptions
{
    public const string CoordinatorRole = "coordinator";
    public const string WorkerRole = "worker";

    /// <summary>Address to bind remoting to.</summary>
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>Address other nodes reach this one at (defaults to <see cref="Hostname"/>).</summary>
    public string? PublicHostname { get; init; }
    /// <summary>0 picks a free port (a one-process cluster).</summary>
    public int Port { get; init; }
    /// <summary>host:port of seed nodes; empty means join itself (a one-process cluster).</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string SystemName { get; init; } = "akkaetl";
    /// <summary>JSON log lines (one object a line, with the event's fields) for log shippers, instead of text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>Remoting over TLS, with peers authenticated by a private CA; null means plain TCP.</summary>
    public NodeTls? Tls { get; init; }
    /// <summary>Seeds looked up by EC2 tag (instead of <see cref="Seeds"/>).</summary>
    public Ec2SeedOptions? Ec2Seeds { get; init; }

    /// <summary>The protocol of this node's addresses: a TLS node and a plain one never talk.</summary>
    public string Protocol => Tls is null ? "akka.tcp" : "akka.ssl.tcp";

    /// <summary>
    /// How long heartbeats may be missing before a node counts as unreachable (failure detector). Akka's 3 s is too
    /// tight for nodes that keep every core busy: runs on 2 cores logged heartbeats sent 2.0–2.7 s late. A false alarm
    /// downs a working node and re-runs its items; a dead node is only noticed 7 s later.
    /// </summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = DefaultHeartbeatPause;
    public static readonly TimeSpan DefaultHeartbeatPause = TimeSpan.FromSeconds(10);

    /// <summary>How long membership must be stable before the split-brain resolver downs unreachable nodes.</summary>
    public TimeSpan? StableAfter { get; init; }

    public bool IsWorker => Roles.Contains(WorkerRole);
    public bool IsCoordinator => Roles.Contains(CoordinatorRole);

    /// <summary>The failure-detection tuning, as HOCON.</summary>
    public string ClusterHocon()
    {
        var lines = new List<string>
        {
            $"akka.cluster.failure-detector.acceptable-heartbeat-pause = {(int)AcceptableHeartbeatPause.TotalMilliseconds}ms",
        };
        if (StableAfter is { } stable)
            lines.Add($"akka.cluster.split-brain-resolver.stable-after = {(int)stable.TotalMilliseconds}ms");
        // A one-process cluster (run, demo) has nobody to hand its singletons to or to gossip with, yet at stop it waited
        // a hand-over retry and a leader round of a second each: a second of every run.
        if (Port == 0 && Seeds.Count == 0 && Ec2Seeds is null)
        {
            lines.Add("akka.cluster.singleton.hand-over-retry-interval = 100ms");
            lines.Add("akka.cluster.leader-actions-interval = 100ms");
        }
        return "\n" + string.Join("\n", lines);
    }
}

public sealed record WorkerOptions
{
    /// <summary>Work items run at once on this node: by default one per core.</summary>
    public int MaxConcurrentItems { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public Worker.PipelineOptions Pipeline { get; init; } = new();
}
