using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaEtl.Common;
using AkkaEtl.Storage;

namespace AkkaEtl.Catalog;

/// <summary>
/// The catalog, kept in the warehouse as small JSON objects, so it can be read without a running cluster: our
/// embedded stand-in for the Glue Data Catalog. Each partition is its own object, replaced in one atomic write:
/// that write is the commit of a day.
/// </summary>
public sealed class CatalogStore(IObjectStore warehouse)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public IObjectStore Warehouse => warehouse;

    public async Task<IReadOnlyList<TableEntry>> ListTablesAsync(CancellationToken ct = default)
    {
        var tables = new List<TableEntry>();
        await foreach (var o in warehouse.ListAsync(CatalogKeys.TablesPrefix, ct))
            if (o.Key.EndsWith(".json", StringComparison.Ordinal) && await ReadAsync<TableEntry>(o.Key, ct) is { } t)
                tables.Add(t);
        return tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    public Task<TableEntry?> GetTableAsync(string table, CancellationToken ct = default) =>
        ReadAsync<TableEntry>(CatalogKeys.Table(table), ct);

    public Task PutTableAsync(TableEntry table, CancellationToken ct = default) =>
        WriteAsync(CatalogKeys.Table(table.Name), table, ct);

    public Task<PartitionEntry?> GetPartitionAsync(string table, string day, CancellationToken ct = default) =>
        ReadAsync<PartitionEntry>(CatalogKeys.Partition(table, day), ct);

    public Task PutPartitionAsync(PartitionEntry partition, CancellationToken ct = default) =>
        WriteAsync(CatalogKeys.Partition(partition.Table, partition.Day), partition, ct);

    public async Task<IReadOnlyList<PartitionEntry>> ListPartitionsAsync(string table, DayRange? days = null, CancellationToken ct = default)
    {
        var list = new List<PartitionEntry>();
        await foreach (var o in warehouse.ListAsync(CatalogKeys.PartitionsPrefix(table), ct))
        {
            if (days is { } range && !InRange(o.Key, range)) continue;
            if (await ReadAsync<PartitionEntry>(o.Key, ct) is { } p) list.Add(p);
        }
        return list.OrderBy(p => p.Day, StringComparer.Ordinal).ToList();
    }

    public async Task<T?> ReadAsync<T>(string key, CancellationToken ct = default) where T : class
    {
        var bytes = await warehouse.TryGetAsync(key, ct);
        return bytes is null ? null : JsonSerializer.Deserialize<T>(bytes, Json);
    }

    public Task WriteAsync<T>(string key, T value, CancellationToken ct = default) =>
        warehouse.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, Json), ct);

    private static bool InRange(string key, DayRange range)
    {
        // .../day_partition=YYYY-MM-DD.json
        var eq = key.LastIndexOf('=');
        return eq >= 0 && key.Length >= eq + 11 && DayRange.TryParseDay(key.Substring(eq + 1, 10), out var d) && range.Contains(d);
    }
}
