using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using AkkaEtl.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaEtl.Hosting;

/// <summary>Akka.Hosting set-up, one extension per concern.</summary>
public static class EtlHostingExtensions
{
    /// <summary>Remoting, clustering (keep-majority split-brain resolver) and the JSON serializer for our messages.</summary>
    public static AkkaConfigurationBuilder WithEtlCluster(this AkkaConfigurationBuilder builder, EtlNodeOptions node)
    {
        builder
            .WithRemoting(new RemoteOptions
            {
                HostName = node.Hostname,
                PublicHostName = node.PublicHostname ?? node.Hostname,
                Port = node.Port,
            })
            .WithClustering(new ClusterOptions
            {
                Roles = node.Roles.ToArray(),
                SeedNodes = node.Seeds.Select(s => $"akka.tcp://{node.SystemName}@{s}").ToArray(),
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithEtlSerialization();
        if (node.Seeds.Count == 0)
        {
            // No seeds: this process is the whole cluster.
            builder.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
        }
        return builder;
    }

    public static AkkaConfigurationBuilder WithEtlSerialization(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer("etl-json", [typeof(IEtlMessage)], system => new EtlMessageSerializer(system));

    /// <summary>Hosts the work-item entities: this node runs work items, at most <see cref="WorkerOptions.MaxConcurrentItems"/> at once.</summary>
    public static AkkaConfigurationBuilder WithWorkerRole(this AkkaConfigurationBuilder builder, WorkerOptions options, ObjectStoreProvider stores)
    {
        var slots = new WorkerSlots(options.MaxConcurrentItems);
        var pipeline = new WorkItemPipeline(stores, options.Pipeline);
        return builder.WithShardRegion<WorkItemRegion>(
            "work-items",
            (system, _) =>
            {
                var node = Cluster.Get(system).SelfAddress.ToString();
                return _ => WorkItemEntity.Props(pipeline, slots, node);
            },
            new WorkItemMessageExtractor(WorkItemMessageExtractor.DefaultShards),
            new ShardOptions
            {
                Role = EtlNodeOptions.WorkerRole,
                RememberEntities = false,
                StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData,
                // Entities passivate themselves once idle; a hand-off (the node leaving) gives the running item back.
                ShouldPassivateIdleEntities = false,
                HandOffStopMessage = WorkItemEntity.HandOff.Instance,
            });
    }

    /// <summary>Reaches the work-item entities from a node that does not host them.</summary>
    public static AkkaConfigurationBuilder WithWorkItemProxy(this AkkaConfigurationBuilder builder) =>
        builder.WithShardRegionProxy<WorkItemRegion>("work-items", EtlNodeOptions.WorkerRole,
            new WorkItemMessageExtractor(WorkItemMessageExtractor.DefaultShards));

    public static IServiceCollection AddEtlStorage(this IServiceCollection services, ObjectStoreProvider stores) =>
        services.AddSingleton(stores);
}
