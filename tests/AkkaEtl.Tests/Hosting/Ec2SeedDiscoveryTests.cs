using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using AkkaEtl.Arguments;
using AkkaEtl.Hosting;
using AkkaEtl.Tests.Support;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace AkkaEtl.Tests.Hosting;

/// <summary>
/// Seed discovery against moto's EC2. Its instances' private IPs are fake 10.x addresses: they are compared as data
/// and never connected to.
/// </summary>
[Collection(MotoServerCollection.Name)]
public sealed class Ec2SeedDiscoveryTests(MotoServerFixture moto) : IDisposable
{
    private const string TagKey = "akkaetl-cluster";
    private readonly IAmazonEC2 _ec2 = new AmazonEC2Client(moto.Credentials, new AmazonEC2Config { ServiceURL = moto.EndpointUrl, AuthenticationRegion = "us-east-1" });

    public void Dispose() => _ec2.Dispose();

    /// <summary>One RunInstances call (one reservation) of <paramref name="count"/> instances with the tag.</summary>
    private async Task<List<Instance>> RunAsync(string key, string value, int count = 1)
    {
        var response = await _ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-12345678",
            InstanceType = InstanceType.T3Micro,
            MinCount = count,
            MaxCount = count,
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Tag(key, value)] }],
        });
        return response.Reservation.Instances;
    }

    private static IEnumerable<string> Sorted(IEnumerable<Instance> instances, int port) =>
        instances.Select(i => i.PrivateIpAddress).OrderBy(Version.Parse).Select(ip => $"{ip}:{port}");

    [Fact]
    public async Task Finds_exactly_the_running_instances_with_the_tag_sorted_across_pages()
    {
        var cluster = "prod-" + Guid.NewGuid().ToString("N")[..8];
        var mine = new List<Instance>();
        for (var i = 0; i < 7; i++) mine.AddRange(await RunAsync(TagKey, cluster));
        mine.AddRange(await RunAsync(TagKey, cluster, count: 3));
        await RunAsync(TagKey, "staging-" + cluster, count: 2); // the same key, another cluster
        await RunAsync("other-key", cluster);                   // the same value under another key
        var stopped = mine[1];
        var terminated = mine[^1];
        await _ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [stopped.InstanceId] });
        await _ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [terminated.InstanceId] });
        var running = mine.Where(i => i.InstanceId != stopped.InstanceId && i.InstanceId != terminated.InstanceId).ToList();

        var describeCalls = 0;
        ((AmazonServiceClient)_ec2).BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: DescribeInstancesRequest }) Interlocked.Increment(ref describeCalls);
        };
        using var discovery = new Ec2SeedDiscovery(_ec2, new Ec2SeedOptions { TagKey = TagKey, TagValue = cluster, Port = 4053 }) { PageSize = 5 };
        var seeds = await discovery.DiscoverAsync(CancellationToken.None);

        Assert.Equal(Sorted(running, 4053), seeds);
        Assert.Equal(8, seeds.Count);
        Assert.True(describeCalls >= 2, $"{describeCalls} DescribeInstances page(s): the 8 reservations should not fit one page of 5");
    }

    [Fact]
    public async Task Reads_the_endpoint_and_region_from_the_environment_and_caps_the_seeds()
    {
        var cluster = "capped-" + Guid.NewGuid().ToString("N")[..8];
        var mine = await RunAsync(TagKey, cluster, count: 5);
        var variables = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_EC2"] = moto.EndpointUrl,
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9", // the EC2-specific variable wins
            ["AWS_DEFAULT_REGION"] = "us-east-1",
        };
        using var discovery = Ec2SeedDiscovery.FromEnvironment(new Ec2SeedOptions { TagKey = TagKey, TagValue = cluster, Port = 2552, MaxSeeds = 3 },
            v => variables.GetValueOrDefault(v), moto.Credentials);
        Assert.Equal(Sorted(mine, 2552).Take(3), await discovery.DiscoverAsync(CancellationToken.None));

        using var none = Ec2SeedDiscovery.FromEnvironment(new Ec2SeedOptions { TagKey = TagKey, TagValue = "nobody-" + cluster },
            v => variables.GetValueOrDefault(v), moto.Credentials);
        Assert.Empty(await none.DiscoverAsync(CancellationToken.None));
    }

    [Fact]
    public void The_node_flags_take_a_tag_instead_of_seeds()
    {
        static EtlNodeOptions Parse(params string[] args) => NodeArguments.Parse(CommandLine.Parse(args, NodeArguments.Options, []), ["worker"]);
        var node = Parse("--port", "4060", "--hostname", "0.0.0.0", "--public-hostname", "10.0.1.5", "--ec2-tag", "akkaetl-cluster=prod", "--ec2-max-seeds", "3");
        Assert.Equal(new Ec2SeedOptions { TagKey = "akkaetl-cluster", TagValue = "prod", Port = 4060, MaxSeeds = 3 }, node.Ec2Seeds);
        Assert.Empty(node.Seeds);
        Assert.Equal(4053, Parse("--hostname", "10.0.1.5", "--ec2-tag", "k=v").Ec2Seeds!.Port);
        Assert.Equal(4100, Parse("--hostname", "10.0.1.5", "--port", "4060", "--ec2-tag", "k=v", "--ec2-seed-port", "4100").Ec2Seeds!.Port);
        Assert.Throws<UsageException>(() => Parse("--hostname", "10.0.1.5", "--ec2-tag", "k=v", "--seeds", "127.0.0.1:4053"));
        Assert.Throws<UsageException>(() => Parse("--hostname", "10.0.1.5", "--ec2-tag", "novalue"));
        Assert.Throws<UsageException>(() => Parse("--hostname", "10.0.1.5", "--ec2-tag", "k=v", "--ec2-max-seeds", "1"));
        // A node that calls itself 0.0.0.0 or 127.0.0.1 would never find itself among the instances.
        Assert.Contains("--public-hostname", Assert.Throws<UsageException>(() => Parse("--ec2-tag", "k=v")).Message);
        Assert.Throws<UsageException>(() => Parse("--hostname", "0.0.0.0", "--ec2-tag", "k=v"));
        Assert.Throws<UsageException>(() => Parse("--ec2-seed-port", "4053"));
    }
}

/// <summary>
/// What a node does with discovered seeds, on loopback actor systems: keeps looking while none is found, the first
/// seed forms the cluster, the next joins it.
/// </summary>
public sealed class Ec2SeedJoinTests : IAsyncDisposable
{
    private readonly List<ActorSystem> _systems = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _systems) await s.Terminate();
    }

    private ActorSystem Start()
    {
        var system = ActorSystem.Create("akkaetl", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.cluster.seed-node-timeout = 2s
            """));
        _systems.Add(system);
        return system;
    }

    private sealed class ScriptedDiscovery(Func<int, IReadOnlyList<string>> answer) : ISeedDiscovery
    {
        public int Calls;

        public Task<IReadOnlyList<string>> DiscoverAsync(CancellationToken ct) => Task.FromResult(answer(Interlocked.Increment(ref Calls)));

        public void Dispose() { }
    }

    private static string HostPort(ActorSystem s) => $"{Cluster.Get(s).SelfAddress.Host}:{Cluster.Get(s).SelfAddress.Port}";

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_first_seed_forms_the_cluster_after_an_empty_lookup_and_the_next_node_joins_it()
    {
        var first = Start();
        var second = Start();
        IReadOnlyList<string> Both() => new[] { HostPort(first), HostPort(second) };
        // The first lookup finds nobody (instances still starting), the next ones find both, first-started first.
        var firstDiscovery = new ScriptedDiscovery(call => call == 1 ? [] : Both());
        SeedDiscoveryJoin.Start(first, firstDiscovery);
        SeedDiscoveryJoin.Start(second, new ScriptedDiscovery(_ => Both()));

        await Eventually(() => Cluster.Get(first).State.Members.Count(m => m.Status == MemberStatus.Up) == 2
            && Cluster.Get(second).SelfMember.Status == MemberStatus.Up, "both nodes up in one cluster");
        Assert.True(firstDiscovery.Calls >= 2);
        Assert.Contains(Cluster.Get(second).State.Members, m => m.Address.Equals(Cluster.Get(first).SelfAddress));
    }
}
