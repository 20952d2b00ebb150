using System.Collections;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Query;
using AkkaEtl.Glue;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AkkaEtl.Coordinator.Api;

/// <summary>The request to run SQL on the coordinator node.</summary>
public sealed record QueryRequest(string? Sql, string? Days, int? Limit);

/// <summary>Catalog tables, partitions, Athena DDL and SQL, served from the warehouse (no coordinator actor involved).</summary>
public static class CatalogEndpoints
{
    private const int DefaultQueryLimit = 10_000;

    public static void Map(WebApplication app, WarehouseAccess warehouse, IReadOnlyCollection<string> servedTables)
    {
        var catalog = new CatalogStore(warehouse.Store);

        app.MapGet("/api/tables", async (CancellationToken ct) =>
        {
            var tables = await catalog.ListTablesAsync(ct);
            var result = new List<object>();
            foreach (var t in tables)
            {
                var parts = await catalog.ListPartitionsAsync(t.Name, null, ct);
                result.Add(new
                {
                    t.Name, t.Location, t.Columns, t.KeyColumn, t.Extractor, t.CreatedAt, t.UpdatedAt, Partitions = parts.Count,
                    FirstDay = parts.FirstOrDefault()?.Day, LastDay = parts.LastOrDefault()?.Day, Rows = parts.Sum(p => p.Rows), Bytes = parts.Sum(p => p.Bytes),
                });
            }
            return Results.Json(result, ControlApi.Json);
        });

        app.MapGet("/api/tables/{table}/partitions", async (string table, string? days, CancellationToken ct) =>
        {
            // A table this node serves has no partitions until its first commit; any other name is a mistake.
            if (await catalog.GetTableAsync(table, ct) is null && !servedTables.Contains(table)) return ControlApi.Problem($"no table '{table}'", 404);
            DayRange? range = null;
            if (days is not null)
            {
                if (!DayRange.TryParse(days, out var r, out var error)) return ControlApi.Problem(error);
                range = r;
            }
            return Results.Json(await catalog.ListPartitionsAsync(table, range, ct), ControlApi.Json);
        });

        app.MapGet("/api/tables/{table}/ddl", async (string table, string? database, bool? projection, CancellationToken ct) =>
        {
            if (await catalog.GetTableAsync(table, ct) is not { } entry) return ControlApi.Problem($"no table '{table}'", 404);
            if (!warehouse.Location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
                return ControlApi.Problem("the warehouse is not on S3: Athena reads tables from S3");
            var options = AthenaDdlOptions.Registered;
            if (projection == true)
            {
                var parts = await catalog.ListPartitionsAsync(table, null, ct);
                options = AthenaDdlOptions.Projected(parts.Select(p => DayRange.ParseDay(p.Day)).DefaultIfEmpty(DateOnly.FromDateTime(DateTime.UtcNow)).Min());
            }
            var ddl = AthenaDdl.CreateTable(database ?? "default", entry.Name, warehouse.Location.TrimEnd('/') + "/" + entry.Location, entry.Columns, options);
            return Results.Text(ddl + ";\n", "text/plain");
        });

        app.MapPost("/api/query", async (QueryRequest request, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Sql)) return ControlApi.Problem("'sql' is required");
            DayRange? days = null;
            if (request.Days is not null)
            {
                if (!DayRange.TryParse(request.Days, out var r, out var error)) return ControlApi.Problem(error);
                days = r;
            }
            var limit = Math.Clamp(request.Limit ?? DefaultQueryLimit, 1, 1_000_000);
            try
            {
                using var db = await WarehouseSql.OpenAsync(warehouse.Store, warehouse.Files, days ?? DayRangeHint.FromSql(request.Sql), ct);
                using var cmd = db.Command(request.Sql);
                using var reader = cmd.ExecuteReader();
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                var rows = new List<object?[]>();
                var truncated = false;
                while (reader.Read())
                {
                    if (rows.Count == limit)
                    {
                        truncated = true;
                        break;
                    }
                    var row = new object?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Plain(reader.GetValue(i));
                    rows.Add(row);
                }
                return Results.Json(new { columns, rows, truncated }, ControlApi.Json);
            }
            catch (DuckDBException e)
            {
                return ControlApi.Problem(e.Message);
            }
        });
    }

    /// <summary>A DuckDB value as JSON can carry it: numbers and text as they are, lists as arrays, the rest as text.</summary>
    private static object? Plain(object? v) => v switch
    {
        null => null,
        string or bool or int or long or short or byte or double or float or decimal => v,
        System.Numerics.BigInteger b => (long)b,
        IList list => list.Cast<object?>().Select(Plain).ToArray(),
        _ => Commands.QueryCommand.Text(v),
    };
}
