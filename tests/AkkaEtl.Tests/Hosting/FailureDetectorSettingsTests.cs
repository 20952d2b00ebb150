using Akka.Configuration;
using AkkaEtl.Arguments;
using AkkaEtl.Hosting;

namespace AkkaEtl.Tests.Hosting;

/// <summary>The failure detector's tolerance that nodes start with, from the node flags.</summary>
public sealed class FailureDetectorSettingsTests
{
    private static TimeSpan HeartbeatPause(params string[] args)
    {
        var node = NodeArguments.Parse(CommandLine.Parse(args, NodeArguments.Options, []), [EtlNodeOptions.WorkerRole]);
        return ConfigurationFactory.ParseString(node.ClusterHocon()).GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause");
    }

    [Fact]
    public void A_node_tolerates_ten_seconds_of_missing_heartbeats_unless_told_otherwise()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), HeartbeatPause("--port", "4053"));
        Assert.Equal(TimeSpan.FromSeconds(3), HeartbeatPause("--port", "4053", "--heartbeat-pause", "3s"));
    }
}
