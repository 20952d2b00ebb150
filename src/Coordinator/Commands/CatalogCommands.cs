using System.Globalization;
using System.Text.Json;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using Spectre.Console;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary><c>tables</c>: the catalog's tables, read from the warehouse (no cluster needed).</summary>
public sealed class TablesCommand : ICommand
{
    public string Name => "tables";
    public string Summary => "list the warehouse's tables and their schemas";
    public string Usage => "usage: akkaetl tables --warehouse DIR|s3://bucket/prefix [--json]";
    public IReadOnlyCollection<string> Options { get; } = ["warehouse"];
    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var catalog = new CatalogStore(Warehouses.Open(args).Store);
        var tables = await catalog.ListTablesAsync(ct);
        var summaries = new List<object>();
        var view = new Table().Border(TableBorder.Simple).AddColumns("table", "partitions", "first day", "last day", "rows", "bytes", "columns");
        foreach (var t in tables)
        {
            var parts = await catalog.ListPartitionsAsync(t.Name, null, ct);
            var rows = parts.Sum(p => p.Rows);
            var bytes = parts.Sum(p => p.Bytes);
            summaries.Add(new
            {
                t.Name, t.Location, t.Columns, t.KeyColumn, t.Extractor, t.CreatedAt, t.UpdatedAt,
                Partitions = parts.Count, FirstDay = parts.FirstOrDefault()?.Day, LastDay = parts.LastOrDefault()?.Day, Rows = rows, Bytes = bytes,
            });
            view.AddRow(Markup.Escape(t.Name), parts.Count.ToString(CultureInfo.InvariantCulture), parts.FirstOrDefault()?.Day ?? "",
                parts.LastOrDefault()?.Day ?? "", rows.ToString("N0", CultureInfo.InvariantCulture), Sizes.Human(bytes),
                Markup.Escape(string.Join(", ", t.Columns.Select(c => $"{c.Name} {c.SqlType}"))));
        }
        if (args.Flag("json")) Console.WriteLine(JsonSerializer.Serialize(summaries, CatalogStore.Json));
        else if (tables.Count == 0) Console.WriteLine("no tables");
        else Terminal.Out.Write(view);
        return ExitCodes.Ok;
    }
}

/// <summary><c>partitions</c>: a table's committed days with their files, rows and lineage.</summary>
public sealed class PartitionsCommand : ICommand
{
    public string Name => "partitions";
    public string Summary => "list a table's partitions (days), files, rows and lineage";
    public string Usage => "usage: akkaetl partitions --warehouse DIR|s3://bucket/prefix --table NAME [--days FROM..TO] [--json]";
    public IReadOnlyCollection<string> Options { get; } = ["warehouse", "table", "days"];
    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var catalog = new CatalogStore(Warehouses.Open(args).Store);
        var table = args.Require("table");
        if (await catalog.GetTableAsync(table, ct) is null)
        {
            Console.Error.WriteLine($"akkaetl partitions: no table '{table}' in the catalog");
            return ExitCodes.Failed;
        }
        var parts = await catalog.ListPartitionsAsync(table, args.OptionalDays(), ct);
        if (args.Flag("json"))
        {
            Console.WriteLine(JsonSerializer.Serialize(parts, CatalogStore.Json));
            return ExitCodes.Ok;
        }
        var view = new Table().Border(TableBorder.Simple).AddColumns("day_partition", "version", "files", "rows", "bytes", "source files", "rejected", "dups", "committed");
        foreach (var p in parts)
            view.AddRow(p.Day, p.Version, p.Files.Count.ToString(CultureInfo.InvariantCulture), p.Rows.ToString("N0", CultureInfo.InvariantCulture),
                Sizes.Human(p.Bytes), p.Lineage.SourceFiles.ToString(CultureInfo.InvariantCulture), p.Lineage.Rejected.ToString("N0", CultureInfo.InvariantCulture),
                p.Lineage.DuplicatesDropped.ToString("N0", CultureInfo.InvariantCulture), p.CommittedAt.ToString("u", CultureInfo.InvariantCulture));
        Terminal.Out.Write(view);
        return ExitCodes.Ok;
    }
}
