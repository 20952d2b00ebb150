using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Coordinator.Hosting;
using AkkaEtl.Features;
using AkkaEtl.Hosting;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using static AkkaEtl.Messages.DayProtocol;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// <c>run</c>: the main job on one machine. The process is a whole cluster (coordinator and worker roles), processes
/// the days, prints a summary per day and a total, and exits 0 only when every day is committed (or empty).
/// </summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "process days of raw JSONL into compacted Parquet partitions (one process)";

    public string Usage => """
        usage: akkaetl run --source DIR|s3://bucket/prefix --warehouse DIR|s3://bucket/prefix --table NAME --days DAY|FROM..TO
                           [--mapping FILE.yaml | --extractor PATH.dll:Namespace.Type] [--json] [--allow-partial] [--full]
                           [--max-rows-per-file N] [--target-item-size 64MiB] [--max-files-per-item N] [--workers N]
                           [--max-concurrent-days N] [--attempts N] [--no-dedup] [--no-version-pass] [--glue-database NAME] [--retain-replaced 10m] [--verbose]
          --source      raw files in YYYY/MM/DD/ folders (.jsonl, .json, .jsonl.gz, .gz)
          --warehouse   where partitions, catalog and rejects go
          --json        print the summary as JSON on stdout
          --no-version-pass  extract without first reading every record's key and version (that pass lets
                        compaction copy row groups instead of rewriting those with superseded rows)
          --glue-database  also register the table and its partitions in AWS Glue (s3:// warehouse; endpoint from
                        AWS_ENDPOINT_URL_GLUE or AWS_ENDPOINT_URL, credentials from the AWS chain)
          exit codes: 0 every day committed or empty, 1 a day failed, 2 bad flags or a missing source
        """;

    public IReadOnlyCollection<string> Options { get; } =
    [
        "source", "warehouse", "table", "days", "mapping", "extractor", "max-rows-per-file", "target-item-size",
        "max-files-per-item", "workers", "max-concurrent-days", "attempts", "glue-database", "retain-replaced", "log-format",
    ];

    public IReadOnlyCollection<string> Flags { get; } = ["json", "allow-partial", "full", "verbose", "no-dedup", "no-version-pass"];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var table = args.Require("table");
        if (!CatalogKeys.IsValidTableName(table)) throw new UsageException($"'{table}' is not a table name (letters, digits and '_', starting with a letter)");
        var days = args.Days();
        var source = ParseLocation(args.Require("source"), "source");
        if (!source.IsS3 && !Directory.Exists(source.Uri)) throw new UsageException($"source folder {source.Uri} does not exist");
        var warehouse = ParseLocation(args.Require("warehouse"), "warehouse");
        if (!warehouse.IsS3) Directory.CreateDirectory(warehouse.Uri);

        var extractor = ExtractorOption(args);
        var loaded = ExtractorLoader.Get(extractor);
        var options = new RunOptions(source.Uri, warehouse.Uri, extractor)
        {
            MaxRowsPerFile = args.Int("max-rows-per-file", 1_048_576, min: 1),
            TargetItemBytes = args.Bytes("target-item-size", 64L << 20),
            MaxFilesPerItem = args.Int("max-files-per-item", 1000, min: 1),
            MaxAttempts = args.Int("attempts", 3, min: 1),
            AllowPartial = args.Flag("allow-partial"),
            Full = args.Flag("full"),
            Deduplicate = !args.Flag("no-dedup") && loaded.KeyColumn is not null,
            VersionPass = !args.Flag("no-version-pass"),
            GlueDatabase = GlueDatabase(args, warehouse),
        };
        var json = args.Flag("json");
        var node = new EtlNodeOptions { Roles = [EtlNodeOptions.CoordinatorRole, EtlNodeOptions.WorkerRole], JsonLogs = args.Get("log-format") == "json" };
        var worker = new WorkerOptions { MaxConcurrentItems = args.Int("workers", Environment.ProcessorCount, min: 1) };
        var settings = new CoordinatorSettings
        {
            MaxConcurrentDays = args.Int("max-concurrent-days", 3, min: 1),
            RetainReplaced = args.Duration("retain-replaced"),
        };
        var stores = StoreProviders.Create();

        var watch = Stopwatch.StartNew();
        using var host = EtlNode.Build(node, stores, worker, args.Flag("verbose") ? LogLevel.Information : LogLevel.Warning,
            akka => akka.WithCoordinatorRole(settings, stores));
        await host.StartAsync(ct);
        IReadOnlyList<DayStatus> final;
        var progress = new RunProgress(!json && !Console.IsErrorRedirected);
        try
        {
            final = await EtlRunner.RunAsync(host, table, days, options, progress.Update, ct);
        }
        catch (SubmissionRejectedException e)
        {
            throw new UsageException(e.Message);
        }
        finally
        {
            progress.Done();
            await host.StopAsync(CancellationToken.None);
        }

        var report = RunReport.Build(final, watch.Elapsed);
        if (json) Console.WriteLine(RunReport.ToJson(report));
        else RunReport.Print(report, Terminal.Out);
        return final.All(d => d.State is DayState.Committed or DayState.Empty && d.Warning is null) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    internal static string? GlueDatabase(CommandLine args, StorageLocation warehouse)
    {
        var database = args.Get("glue-database");
        if (database is null) return null;
        if (!warehouse.IsS3) throw new UsageException("--glue-database needs an s3:// warehouse: Glue tables point at S3");
        if (!database.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) throw new UsageException($"--glue-database: '{database}' is not a Glue database name");
        return database;
    }

    internal static StorageLocation ParseLocation(string text, string flag)
    {
        try { return StorageLocation.Parse(text); }
        catch (ArgumentException e) { throw new UsageException($"--{flag}: {e.Message}"); }
    }

    internal static ExtractorSpec ExtractorOption(CommandLine args)
    {
        var mapping = args.Get("mapping");
        var user = args.Get("extractor");
        if (mapping is not null && user is not null) throw new UsageException("--mapping and --extractor exclude each other (a mapping configures the built-in extractor)");
        return user is not null ? ExtractorLoader.ParseUserSpec(user) : ExtractorLoader.BuiltIn(mapping);
    }
}
