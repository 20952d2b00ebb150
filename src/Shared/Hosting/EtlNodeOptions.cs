namespace AkkaEtl.Hosting;

/// <summary>How a node joins the cluster. Bound from flags, appsettings or environment (AKKAETL__...).</summary>
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

    public bool IsWorker => Roles.Contains(WorkerRole);
    public bool IsCoordinator => Roles.Contains(CoordinatorRole);
}

public sealed record WorkerOptions
{
    /// <summary>Work items run at once on this node: by default one per core.</summary>
    public int MaxConcurrentItems { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public Worker.PipelineOptions Pipeline { get; init; } = new();
}
