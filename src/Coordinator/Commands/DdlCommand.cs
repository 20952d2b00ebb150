using AkkaEtl.Arguments;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Glue;

namespace AkkaEtl.Coordinator.Commands;

/// <summary><c>ddl</c>: the Athena DDL of a table, with per-day partitions or date partition projection.</summary>
public sealed class DdlCommand : ICommand
{
    public string Name => "ddl";
    public string Summary => "print the Athena CREATE TABLE for a table (optionally with date partition projection)";
    public string Usage => """
        usage: akkaetl ddl --warehouse s3://bucket/prefix --table NAME [--database NAME] [--projection [--projection-from YYYY-MM-DD]]
          --projection   Athena computes the day partitions itself (no MSCK REPAIR or Glue partitions needed)
        """;
    public IReadOnlyCollection<string> Options { get; } = ["warehouse", "table", "database", "projection-from"];
    public IReadOnlyCollection<string> Flags { get; } = ["projection"];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var location = RunCommand.ParseLocation(args.Require("warehouse"), "warehouse");
        if (!location.IsS3) throw new UsageException("ddl needs an s3:// warehouse: Athena reads tables from S3");
        var name = args.Require("table");
        var catalog = new CatalogStore(Warehouses.Open(args).Store);
        var table = await catalog.GetTableAsync(name, ct);
        if (table is null)
        {
            Console.Error.WriteLine($"akkaetl ddl: no table '{name}' in the catalog");
            return ExitCodes.Failed;
        }
        AthenaDdlOptions options = AthenaDdlOptions.Registered;
        if (args.Flag("projection"))
        {
            var from = args.Get("projection-from") is { } f ? DayRange.ParseDay(f)
                : (await catalog.ListPartitionsAsync(name, null, ct)).Select(p => DayRange.ParseDay(p.Day)).DefaultIfEmpty(DateOnly.FromDateTime(DateTime.UtcNow)).Min();
            options = AthenaDdlOptions.Projected(from);
        }
        Console.WriteLine(AthenaDdl.CreateTable(args.Get("database") ?? "default", table.Name, location.Uri.TrimEnd('/') + "/" + table.Location, table.Columns, options) + ";");
        return ExitCodes.Ok;
    }
}
