using Akka.Cluster.Hosting;
using Akka.Hosting;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Hosting;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Hosting;

/// <summary>The registry key of the coordinator singleton (its proxy on every coordinator-role node).</summary>
public sealed class EtlCoordinatorKey;

public static class CoordinatorHostingExtensions
{
    /// <summary>
    /// The coordinator as a cluster singleton on coordinator-role nodes: if its node goes, it starts on another.
    /// Needs the work-item region (or its proxy) registered first.
    /// </summary>
    public static AkkaConfigurationBuilder WithCoordinatorRole(this AkkaConfigurationBuilder builder, CoordinatorSettings settings, ObjectStoreProvider stores) =>
        builder.WithSingleton<EtlCoordinatorKey>(
            "etl-coordinator",
            (_, registry, _) => EtlCoordinator.Props(registry.Get<WorkItemRegion>(), stores, settings),
            new ClusterSingletonOptions { Role = EtlNodeOptions.CoordinatorRole, LogSingletonIdentificationFailure = false },
            createProxyToo: true);
}
