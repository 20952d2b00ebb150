using Akka.Cluster.Sharding;
using static AkkaEtl.Messages.WorkProtocol;

namespace AkkaEtl.Hosting;

/// <summary>The sharding region of work-item entities (a key for the actor registry).</summary>
public sealed class WorkItemRegion;

/// <summary>One entity per work item; shards spread the items over the worker nodes.</summary>
public sealed class WorkItemMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public const int DefaultShards = 100;

    public override string? EntityId(object message) => message switch
    {
        ProcessWorkItem p => p.Item.ItemId,
        CancelWorkItem c => c.ItemId,
        _ => null,
    };
}
