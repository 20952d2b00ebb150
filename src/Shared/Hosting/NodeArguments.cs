using AkkaEtl.Arguments;

namespace AkkaEtl.Hosting;

/// <summary>The cluster flags every node takes (serve and worker), and how they become <see cref="EtlNodeOptions"/>.</summary>
public static class NodeArguments
{
    public static readonly IReadOnlyCollection<string> Options =
        ["port", "hostname", "public-hostname", "seeds", "heartbeat-pause", "stable-after", "workers"];

    public const string Usage = """
          --port N              remoting port (0 picks one)           --hostname H        address to bind (default 127.0.0.1)
          --public-hostname H   address other nodes reach this one at --seeds H:P[,H:P]   seed nodes (default: this node)
          --heartbeat-pause 3s  failure detector tolerance            --stable-after 20s  split-brain resolver stability
          --workers N           work items at once on this node (default: cores)
        """;

    public static EtlNodeOptions Parse(CommandLine args, IReadOnlyList<string> roles)
    {
        var port = args.Int("port", 0, min: 0);
        var seeds = (args.Get("seeds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var seed in seeds)
            if (seed.Split(':') is not [{ Length: > 0 }, var p] || !int.TryParse(p, out _))
                throw new UsageException($"--seeds: '{seed}' is not host:port");
        return new EtlNodeOptions
        {
            Hostname = args.Get("hostname") ?? "127.0.0.1",
            PublicHostname = args.Get("public-hostname"),
            Port = port,
            Seeds = seeds,
            Roles = roles,
            AcceptableHeartbeatPause = args.Duration("heartbeat-pause"),
            StableAfter = args.Duration("stable-after"),
        };
    }

    public static WorkerOptions Worker(CommandLine args) =>
        new() { MaxConcurrentItems = args.Int("workers", Environment.ProcessorCount, min: 1) };
}
