using AkkaEtl.Arguments;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Coordinator.Api;
using AkkaEtl.Coordinator.Hosting;
using AkkaEtl.Coordinator.Query;
using AkkaEtl.Features;
using AkkaEtl.Hosting;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// <c>serve</c>: a long-running coordinator node (role coordinator; <c>--worker</c> makes it a worker too) with the
/// control API. Its state is journaled in the state folder (SQLite) or PostgreSQL, so another coordinator node takes
/// over where it stopped.
/// </summary>
public sealed class ServeCommand : ICommand
{
    public string Name => "serve";
    public string Summary => "run a coordinator node of a cluster, with the control API";

    public string Usage => """
        usage: akkaetl serve --port 4053 --seeds 127.0.0.1:4053 --api 127.0.0.1:9110 --source DIR|s3://... --warehouse DIR|s3://...
                             --state DIR [--worker] [--token T] [--tables jobs[,..]] [--mapping F | --extractor X] [--glue-database DB]
                             [--persistence sqlite|postgres --connection-string CS] [--max-concurrent-days N]
                             [--rescan-every 6h [--rescan-yesterday]] [--max-range-days N] [--verbose]
                             [--target-item-size 64MiB] [--max-files-per-item N] [--max-rows-per-file N] [--attempts N]
                             [--allow-partial] [--retain-replaced 10m] [--max-items-in-flight N]
          --api H:P        the control API (JSON over HTTP); any address but loopback needs --token (or ETL_TOKEN)
          --state DIR      where the coordinator's journal lives (SQLite), unless --persistence postgres
          --max-items-in-flight N  items of a day out at workers at once (default 16); the rest wait, so nodes that
                           join later take new items as they are handed out
          --rescan-every   submit today (and with --rescan-yesterday, yesterday) for every table at this interval
        """ + NodeArguments.Usage;

    public IReadOnlyCollection<string> Options { get; } =
    [
        .. NodeArguments.Options, "api", "source", "warehouse", "state", "token", "tables", "mapping", "extractor", "glue-database",
        "persistence", "connection-string", "max-concurrent-days", "rescan-every", "max-range-days", "max-rows-per-file",
        "target-item-size", "attempts", "retain-replaced", "max-items-in-flight", "max-files-per-item",
    ];

    public IReadOnlyCollection<string> Flags { get; } = ["worker", "verbose", "rescan-yesterday", "allow-partial"];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var api = ParseApi(args);
        if (!api.IsLoopback && api.Token is null)
            throw new UsageException($"refusing to start: the control API would listen on {api.Host} without a token (give --token or ETL_TOKEN, or bind to 127.0.0.1)");
        var source = RunCommand.ParseLocation(args.Require("source"), "source");
        if (!source.IsS3 && !Directory.Exists(source.Uri)) throw new UsageException($"source folder {source.Uri} does not exist");
        var warehouse = RunCommand.ParseLocation(args.Require("warehouse"), "warehouse");
        if (!warehouse.IsS3) Directory.CreateDirectory(warehouse.Uri);
        var persistence = Persistence(args);
        var extractor = RunCommand.ExtractorOption(args);
        var loaded = ExtractorLoader.Get(extractor);
        var glue = RunCommand.GlueDatabase(args, warehouse);
        RunOptions OptionsFor(string table, bool full, int priority) => new(source.Uri, warehouse.Uri, extractor)
        {
            Full = full,
            Priority = priority,
            MaxRowsPerFile = args.Int("max-rows-per-file", 1_048_576, min: 1),
            TargetItemBytes = args.Bytes("target-item-size", 64L << 20),
            MaxFilesPerItem = args.Int("max-files-per-item", 1000, min: 1),
            MaxAttempts = args.Int("attempts", 3, min: 1),
            AllowPartial = args.Flag("allow-partial"),
            Deduplicate = loaded.KeyColumn is not null,
            GlueDatabase = glue,
        };
        var tables = (args.Get("tables") ?? "jobs").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        api = api with { Tables = tables, MaxRangeDays = args.Int("max-range-days", api.MaxRangeDays, min: 1) };
        var rescan = args.Duration("rescan-every") is { } every
            ? new RescanSettings(every, args.Flag("rescan-yesterday"), tables.Select(t => (t, OptionsFor(t, false, 0))).ToList())
            : null;
        var settings = new CoordinatorSettings
        {
            MaxConcurrentDays = args.Int("max-concurrent-days", 3, min: 1),
            RetainReplaced = args.Duration("retain-replaced"),
            Rescan = rescan,
            Day = new DayCoordinatorSettings { MaxItemsInFlight = args.Int("max-items-in-flight", 16, min: 1) },
        };

        var roles = args.Flag("worker") ? new[] { EtlNodeOptions.CoordinatorRole, EtlNodeOptions.WorkerRole } : [EtlNodeOptions.CoordinatorRole];
        var node = NodeArguments.Parse(args, roles);
        using var stores = new S3ObjectStoreProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(api.Url);
        ControlApi.ConfigureJson(builder.Services);
        EtlNode.Configure(builder, node, stores, args.Flag("worker") ? NodeArguments.Worker(args) : null,
            args.Flag("verbose") ? LogLevel.Information : LogLevel.Warning,
            akka => akka.WithCoordinatorRole(settings, stores, persistence));
        await using var app = builder.Build();
        var store = stores.Get(warehouse);
        ControlApi.Map(app, api, OptionsFor, new WarehouseAccess(store,
            warehouse.IsS3 ? new PartitionFileCache(store, PartitionFileCache.DefaultDirectory) : new LocalPartitionFiles((LocalObjectStore)store), warehouse.Uri));
        await app.RunAsync();
        return ExitCodes.Ok;
    }

    private static ApiOptions ParseApi(CommandLine args)
    {
        try { return ApiOptions.Parse(args.Get("api") ?? "127.0.0.1:9110", args.Get("token") ?? Environment.GetEnvironmentVariable("ETL_TOKEN")); }
        catch (FormatException e) { throw new UsageException("--api: " + e.Message); }
    }

    private static PersistenceOptions Persistence(CommandLine args) => (args.Get("persistence") ?? "sqlite") switch
    {
        "sqlite" => PersistenceOptions.SqliteIn(args.Require("state")),
        "postgres" => new PersistenceOptions(PersistenceMode.Postgres,
            args.Get("connection-string") ?? Environment.GetEnvironmentVariable("AKKAETL_POSTGRES") ?? throw new UsageException("--persistence postgres needs --connection-string (or AKKAETL_POSTGRES)")),
        var other => throw new UsageException($"--persistence must be sqlite or postgres, not '{other}'"),
    };
}
