using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Event;
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
    /// <summary>Remoting (TLS if configured), clustering (keep-majority split-brain resolver) and the JSON serializer for our messages.</summary>
    public static AkkaConfigurationBuilder WithEtlCluster(this AkkaConfigurationBuilder builder, EtlNodeOptions node)
    {
        builder
            .WithRemoting(RemoteOptionsFor(node))
            .WithClustering(new ClusterOptions
            {
                Roles = node.Roles.ToArray(),
                SeedNodes = node.Seeds.Select(s => $"{node.Protocol}://{node.SystemName}@{s}").ToArray(),
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithEtlSerialization();
        if (node.Tls is { } tls)
        {
            builder.AddStartup((system, _) =>
            {
                // Peers would refuse this node: say so at start rather than leave an operator guessing.
                if (tls.OwnCertificateProblem() is { } problem)
                    system.Log.Warning("TLS: this node's own certificate [{0}] {1}: other nodes will refuse it", tls.Certificate.Subject, problem);
            });
        }
        if (node.Ec2Seeds is { } ec2)
        {
            builder.AddStartup((system, _) => SeedDiscoveryJoin.Start(system, Ec2SeedDiscovery.FromEnvironment(ec2)));
        }
        else if (node.Seeds.Count == 0)
        {
            // No seeds: this process is the whole cluster.
            builder.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
        }
        return builder;
    }

    /// <summary>
    /// With TLS: mutual authentication (each side presents its certificate) and every peer certificate checked
    /// against the private CA (<see cref="PrivateCaValidation"/>). The certificate object is handed over as a setup,
    /// so no password ever goes into HOCON.
    /// </summary>
    public static RemoteOptions RemoteOptionsFor(EtlNodeOptions node)
    {
        var remote = new RemoteOptions
        {
            HostName = node.Hostname,
            PublicHostName = node.PublicHostname ?? node.Hostname,
            Port = node.Port,
        };
        if (node.Tls is { } tls)
        {
            remote.EnableSsl = true;
            remote.Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                SuppressValidation = false,
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                CustomValidator = PrivateCaValidation.Callback(tls.Authorities),
            };
        }
        return remote;
    }

    public static AkkaConfigurationBuilder WithEtlSerialization(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer("etl-json", [typeof(IEtlMessage)], system => new EtlMessageSerializer(system));

    /// <summary>Hosts the work-item entities: this node runs work items, at most <see cref="WorkerOptions.MaxConcurrentItems"/> at once.</summary>
    public static AkkaConfigurationBuilder WithWorkerRole(this AkkaConfigurationBuilder builder, WorkerOptions options, ObjectStoreProvider stores)
    {
        var slots = new WorkerSlots(options.MaxConcurrentItems);
        var pipeline = new WorkItemPipeline(stores, options.Pipeline);
        var versions = new VersionPass(stores, options.Pipeline);
        return builder.WithShardRegion<WorkItemRegion>(
            "work-items",
            (system, _) =>
            {
                var node = Cluster.Get(system).SelfAddress.ToString();
                return _ => WorkItemEntity.Props(pipeline, versions, slots, node);
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
