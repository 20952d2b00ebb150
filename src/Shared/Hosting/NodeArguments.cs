using AkkaEtl.Arguments;

namespace AkkaEtl.Hosting;

/// <summary>The cluster flags every node takes (serve and worker), and how they become <see cref="EtlNodeOptions"/>.</summary>
public static class NodeArguments
{
    public static readonly IReadOnlyCollection<string> Options =
    [
        "port", "hostname", "public-hostname", "seeds", "heartbeat-pause", "stable-after", "workers",
        "tls-cert", "tls-cert-password", "tls-ca", "ec2-tag", "ec2-seed-port", "ec2-max-seeds", "log-format",
    ];

    /// <summary>Starts and ends with a line break, so it can be put between the lines of a command's usage.</summary>
    public const string Usage = "\n" + """
          --port N              remoting port (0 picks one)           --hostname H        address to bind (default 127.0.0.1)
          --public-hostname H   address other nodes reach this one at --seeds H:P[,H:P]   seed nodes (default: this node)
          --heartbeat-pause 10s failure detector tolerance            --stable-after 20s  split-brain resolver stability
          --workers N           work items at once on this node (default: cores)
          --tls-cert node.pfx   remoting over TLS with this PKCS#12 certificate and key (password: --tls-cert-password
                                or, better, AKKAETL_TLS_CERT_PASSWORD); needs --tls-ca
          --tls-ca ca.crt       the private CA (PEM or DER) that must have signed every peer's certificate
          --ec2-tag KEY=VALUE   seeds: the running EC2 instances with this tag (instead of --seeds); the first in
                                address order forms the cluster. Give --public-hostname the instance's private IP
          --ec2-seed-port N     their remoting port (default: --port, else 4053)
          --ec2-max-seeds N     only the first N of them are seeds (default: all)
          --log-format json     one JSON object a log line, with the event's fields (day, item, node), for log shippers
        """ + "\n";

    public static EtlNodeOptions Parse(CommandLine args, IReadOnlyList<string> roles)
    {
        var port = args.Int("port", 0, min: 0);
        var seeds = (args.Get("seeds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var seed in seeds)
            if (seed.Split(':') is not [{ Length: > 0 }, var p] || !int.TryParse(p, out _))
                throw new UsageException($"--seeds: '{seed}' is not host:port");
        var ec2 = Ec2Seeds(args, port);
        if (ec2 is not null && seeds.Count > 0) throw new UsageException("give --seeds or --ec2-tag, not both");
        var hostname = args.Get("hostname") ?? "127.0.0.1";
        var publicHostname = args.Get("public-hostname");
        // The node must recognise its own private IP among the discovered seeds, or no node would form the cluster.
        if (ec2 is not null && System.Net.IPAddress.TryParse(publicHostname ?? hostname, out var advertised)
            && (System.Net.IPAddress.IsLoopback(advertised) || advertised.Equals(System.Net.IPAddress.Any) || advertised.Equals(System.Net.IPAddress.IPv6Any)))
            throw new UsageException($"--ec2-tag: this node would call itself {advertised}; give --public-hostname its private IP");
        return new EtlNodeOptions
        {
            Hostname = hostname,
            PublicHostname = publicHostname,
            Port = port,
            Seeds = seeds,
            Roles = roles,
            AcceptableHeartbeatPause = args.Duration("heartbeat-pause") ?? EtlNodeOptions.DefaultHeartbeatPause,
            StableAfter = args.Duration("stable-after"),
            Tls = Tls(args),
            Ec2Seeds = ec2,
            JsonLogs = (args.Get("log-format") ?? "text") switch
            {
                "text" => false,
                "json" => true,
                var other => throw new UsageException($"--log-format must be text or json, not '{other}'"),
            },
        };
    }

    public static WorkerOptions Worker(CommandLine args) =>
        new() { MaxConcurrentItems = args.Int("workers", Environment.ProcessorCount, min: 1) };

    private static NodeTls? Tls(CommandLine args)
    {
        var certificate = args.Get("tls-cert");
        var authority = args.Get("tls-ca");
        if (certificate is null && authority is null)
        {
            if (args.Get("tls-cert-password") is not null) throw new UsageException("--tls-cert-password without --tls-cert");
            return null;
        }
        if (certificate is null) throw new UsageException("--tls-ca needs --tls-cert (this node's certificate and key)");
        if (authority is null) throw new UsageException("--tls-cert needs --tls-ca (the CA that signs the nodes' certificates)");
        var password = args.Get("tls-cert-password") ?? Environment.GetEnvironmentVariable(NodeTls.PasswordVariable);
        try { return NodeTls.Load(certificate, password, authority); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    private static Ec2SeedOptions? Ec2Seeds(CommandLine args, int port)
    {
        if (args.Get("ec2-tag") is not { } tag)
        {
            if (args.Get("ec2-seed-port") is not null || args.Get("ec2-max-seeds") is not null)
                throw new UsageException("--ec2-seed-port and --ec2-max-seeds need --ec2-tag");
            return null;
        }
        string key, value;
        try { (key, value) = Ec2SeedOptions.ParseTag(tag); }
        catch (FormatException e) { throw new UsageException("--ec2-tag: " + e.Message); }
        var seedPort = args.Int("ec2-seed-port", port > 0 ? port : Ec2SeedOptions.DefaultPort, min: 1);
        // One seed alone would let a newcomer with the lowest address form a second cluster instead of joining.
        int? maxSeeds = args.Get("ec2-max-seeds") is null ? null : args.Int("ec2-max-seeds", 0, min: 2);
        return new Ec2SeedOptions { TagKey = key, TagValue = value, Port = seedPort, MaxSeeds = maxSeeds };
    }
}
