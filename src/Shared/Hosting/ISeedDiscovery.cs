namespace AkkaEtl.Hosting;

/// <summary>Finds the seed nodes of the cluster this node joins.</summary>
public interface ISeedDiscovery : IDisposable
{
    /// <summary>host:port of the seeds, in the same order on every node (the first one may form the cluster).</summary>
    Task<IReadOnlyList<string>> DiscoverAsync(CancellationToken ct);
}
