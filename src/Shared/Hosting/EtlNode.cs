using Akka.Configuration;
using Akka.Hosting;
using AkkaEtl.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaEtl.Hosting;

/// <summary>Builds the host of a node: a coordinator, a worker, or both in one process.</summary>
public static class EtlNode
{
    private const string Hocon = """
        akka.loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.remote.dot-netty.tcp.maximum-frame-size = 4MiB
        akka.cluster.sharding.distributed-data.durable.keys = []
        akka.cluster.log-info = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = on
        # The coordinator's proxy finds the singleton on its next try: 1 s (the default) was a second of every run's start.
        akka.cluster.singleton-proxy.singleton-identification-interval = 100ms
        """;

    /// <param name="roles">Adds the node's other roles (the coordinator) after the cluster and the work-item region.</param>
    public static IHost Build(EtlNodeOptions node, ObjectStoreProvider stores, WorkerOptions? worker, LogLevel logLevel,
        Action<AkkaConfigurationBuilder>? roles = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder, node, stores, worker, logLevel, roles, services);
        return builder.Build();
    }

    /// <summary>Logging, storage and the actor system of a node, on any host builder (a web one for the control API).</summary>
    /// <param name="roles">Adds the node's other roles (the coordinator) after the cluster and the work-item region.</param>
    public static void Configure(IHostApplicationBuilder builder, EtlNodeOptions node, ObjectStoreProvider stores, WorkerOptions? worker,
        LogLevel logLevel, Action<AkkaConfigurationBuilder>? roles = null, Action<IServiceCollection>? services = null)
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        // Request-by-request logs of the control API are noise at information level.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        if (node.JsonLogs)
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        else
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddEtlStorage(stores);
        services?.Invoke(builder.Services);
        builder.Services.AddAkka(node.SystemName, akka =>
        {
            akka.AddHocon(ConfigurationFactory.ParseString(Hocon + node.ClusterHocon()), HoconAddMode.Prepend)
                .ConfigureLoggers(l =>
                {
                    l.LogLevel = ToAkka(logLevel);
                    l.ClearLoggers();
                    // JSON logs carry the day and item of each event; text logs keep Akka.Hosting's bridge.
                    if (node.JsonLogs) l.AddLogger<ScopedLoggerFactoryLogger>();
                    else l.AddLoggerFactory();
                })
                .WithEtlCluster(node);
            if (worker is not null) akka.WithWorkerRole(worker, stores);
            else akka.WithWorkItemProxy();
            roles?.Invoke(akka);
        });
    }

    private static Akka.Event.LogLevel ToAkka(LogLevel level) => level switch
    {
        <= LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };
}
