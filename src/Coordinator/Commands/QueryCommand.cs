using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AkkaEtl.Coordinator.Query;
using AkkaEtl.Storage;
using DuckDB.NET.Data;
using Spectre.Console;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary><c>query</c>: SQL (DuckDB) over the warehouse's tables, each a view with day_partition as a column.</summary>
public sealed class QueryCommand : ICommand
{
    private const int TableRowLimit = 1000;

    public string Name => "query";
    public string Summary => "run SQL over the warehouse's tables (DuckDB)";

    public string Usage => """
        usage: akkaetl query --warehouse DIR|s3://bucket/prefix [--format table|csv|json] [--out FILE.parquet] [--days FROM..TO] "SQL"
          every table of the catalog is a view; day_partition is a column ('YYYY-MM-DD'), and filtering on it reads only those partitions
          --days   bring only these days' partitions into the views (what an S3 warehouse downloads); without it, simple
                   day_partition conditions in the SQL (=, <, >, BETWEEN, IN, no OR) narrow what is brought in
          --cache  where an S3 warehouse's files are cached for DuckDB (default ~/.cache/akkaetl or $AKKAETL_CACHE)
        """;

    public IReadOnlyCollection<string> Options { get; } = ["warehouse", "format", "out", "days", "cache"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var sql = args.Positionals.Count == 1 ? args.Positionals[0] : throw new UsageException("give one SQL statement (quote it)");
        var format = args.Get("format") ?? "table";
        if (format is not ("table" or "csv" or "json")) throw new UsageException($"--format must be table, csv or json, not '{format}'");
        var warehouse = Warehouses.Open(args);
        var days = args.OptionalDays() ?? DayRangeHint.FromSql(sql);
        using var db = await WarehouseSql.OpenAsync(warehouse.Store, warehouse.Files, days, ct);
        try
        {
            if (args.Get("out") is { } outPath)
            {
                db.CopyToParquet(sql, Path.GetFullPath(outPath));
                Console.Error.WriteLine($"wrote {Path.GetFullPath(outPath)}");
                return ExitCodes.Ok;
            }
            using var cmd = db.Command(sql);
            using var reader = cmd.ExecuteReader();
            switch (format)
            {
                case "csv": WriteCsv(reader, Console.Out); break;
                case "json": WriteJson(reader, Console.OpenStandardOutput()); break;
                default: WriteTable(reader, Terminal.Out); break;
            }
            return ExitCodes.Ok;
        }
        catch (DuckDBException e)
        {
            Console.Error.WriteLine($"akkaetl query: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    public static void WriteCsv(DbDataReader reader, TextWriter output)
    {
        output.WriteLine(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => CsvField(reader.GetName(i)))));
        while (reader.Read())
            output.WriteLine(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : CsvField(Text(reader.GetValue(i))))));
    }

    public static void WriteJson(DbDataReader reader, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        while (reader.Read())
        {
            json.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                json.WritePropertyName(reader.GetName(i));
                WriteJsonValue(json, reader.IsDBNull(i) ? null : reader.GetValue(i));
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteTable(DbDataReader reader, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < reader.FieldCount; i++) table.AddColumn(Markup.Escape(reader.GetName(i)));
        var rows = 0L;
        while (reader.Read())
        {
            if (++rows > TableRowLimit) continue;
            table.AddRow(Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "[grey]NULL[/]" : Markup.Escape(Cut(Text(reader.GetValue(i))))).ToArray());
        }
        console.Write(table);
        console.MarkupLine(rows > TableRowLimit
            ? $"[grey]{rows:N0} rows; the first {TableRowLimit:N0} shown (use --format csv or --out)[/]"
            : $"[grey]{rows:N0} rows[/]");
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? v)
    {
        switch (v)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case string s: json.WriteStringValue(s); break;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                json.WriteRawValue(Convert.ToString(v, CultureInfo.InvariantCulture)!); break;
            case System.Numerics.BigInteger big: json.WriteRawValue(big.ToString(CultureInfo.InvariantCulture)); break;
            case IList list:
                json.WriteStartArray();
                foreach (var e in list) WriteJsonValue(json, e);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Text(v)); break;
        }
    }

    public static string Text(object v) => v switch
    {
        DateTime dt => dt.ToString(dt.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFF" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFK", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(e => e is null ? "NULL" : Text(e))) + "]",
        _ => v.ToString() ?? "",
    };

    private static string Cut(string s) => s.Length > 120 ? s[..117] + "..." : s;

    private static string CsvField(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}

/// <summary>Opens the warehouse a command names, with the way its files reach DuckDB.</summary>
public static class Warehouses
{
    public sealed record Opened(IObjectStore Store, IPartitionFiles Files);

    public static Opened Open(CommandLine args)
    {
        var location = RunCommand.ParseLocation(args.Require("warehouse"), "warehouse");
        if (location.IsS3)
        {
            var store = StoreProviders.Create().Get(location);
            var cache = args.Get("cache") ?? PartitionFileCache.DefaultDirectory;
            return new Opened(store, new PartitionFileCache(store, cache));
        }
        if (!Directory.Exists(location.Uri)) throw new UsageException($"warehouse folder {location.Uri} does not exist");
        var local = new LocalObjectStore(location.Uri);
        return new Opened(local, new LocalPartitionFiles(local));
    }
}
