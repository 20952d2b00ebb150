using AkkaEtl.Arguments;
using AkkaEtl.Hosting;
using AkkaEtl.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaEtl.WorkerNode;

/// <summary>
/// A worker node: joins the cluster and runs work items. It needs no source or warehouse flags: work items carry
/// their locations. SIGTERM leaves the cluster gracefully: running items are handed back, finished ones stay done.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: akkaetl-worker --port N (--seeds H:P[,H:P] | --ec2-tag KEY=VALUE) [options]
        """ + NodeArguments.Usage + """
          --verbose             log at information level
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        try
        {
            var cl = CommandLine.Parse(args, NodeArguments.Options, ["verbose"]);
            var node = NodeArguments.Parse(cl, [EtlNodeOptions.WorkerRole]);
            if (node.Seeds.Count == 0 && node.Ec2Seeds is null)
                throw new UsageException("--seeds or --ec2-tag is required: a worker joins a coordinator's cluster");
            using var stores = new S3ObjectStoreProvider();
            using var host = EtlNode.Build(node, stores, NodeArguments.Worker(cl), cl.Flag("verbose") ? LogLevel.Information : LogLevel.Warning);
            await host.RunAsync();
            return 0;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"akkaetl-worker: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }
}
