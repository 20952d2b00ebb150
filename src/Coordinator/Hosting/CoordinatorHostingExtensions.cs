using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
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
    public static AkkaConfigurationBuilder WithCoordinatorRole(this AkkaConfigurationBuilder builder, CoordinatorSettings settings,
        ObjectStoreProvider stores, PersistenceOptions? persistence = null) =>
        builder.WithEtlPersistence(persistence ?? PersistenceOptions.Memory).WithSingleton<EtlCoordinatorKey>(
            "etl-coordinator",
            (_, registry, _) => EtlCoordinator.Props(registry.Get<WorkItemRegion>(), stores, settings),
            new ClusterSingletonOptions { Role = EtlNodeOptions.CoordinatorRole, LogSingletonIdentificationFailure = false },
            createProxyToo: true);

    /// <summary>The journal and snapshot store of the coordinator's state.</summary>
    public static AkkaConfigurationBuilder WithEtlPersistence(this AkkaConfigurationBuilder builder, PersistenceOptions options) => options.Mode switch
    {
        PersistenceMode.Memory => builder.WithInMemoryJournal().WithInMemorySnapshotStore(),
        PersistenceMode.Sqlite => builder.WithSqlPersistence(options.ConnectionString!, ProviderName.SQLiteMS, autoInitialize: true),
        PersistenceMode.Postgres => builder.WithSqlPersistence(options.ConnectionString!, ProviderName.PostgreSQL15, autoInitialize: true),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}
