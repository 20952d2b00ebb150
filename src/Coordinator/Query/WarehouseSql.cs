using System.Text;
using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Features;
using AkkaEtl.Storage;
using DuckDB.NET.Data;

namespace AkkaEtl.Coordinator.Query;

/// <summary>
/// DuckDB over the catalog: every table is a view over exactly the files its committed partitions list (never a
/// folder glob, so a half-written version is invisible), with <c>day_partition</c> as a column that prunes files.
/// </summary>
public sealed class WarehouseSql : IDisposable
{
    private readonly DuckDBConnection _connection;

    private WarehouseSql(DuckDBConnection connection, IReadOnlyList<TableEntry> tables)
    {
        _connection = connection;
        Tables = tables;
    }

    public IReadOnlyList<TableEntry> Tables { get; }
    public DuckDBConnection Connection => _connection;

    /// <summary>Opens DuckDB with a view per table; <paramref name="days"/> limits which partitions are brought in.</summary>
    public static async Task<WarehouseSql> OpenAsync(IObjectStore warehouse, IPartitionFiles files, DayRange? days, CancellationToken ct)
    {
        var catalog = new CatalogStore(warehouse);
        var tables = await catalog.ListTablesAsync(ct);
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        try
        {
            foreach (var table in tables)
            {
                var partitions = await catalog.ListPartitionsAsync(table.Name, days, ct);
                var paths = new List<string>();
                foreach (var p in partitions)
                foreach (var f in p.Files)
                    paths.Add(await files.LocalPathAsync(f, ct));
                using var cmd = connection.CreateCommand();
                cmd.CommandText = ViewSql(table, paths);
                cmd.ExecuteNonQuery();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new WarehouseSql(connection, tables);
    }

    public static string ViewSql(TableEntry table, IReadOnlyList<string> paths)
    {
        var name = Quote(table.Name);
        if (paths.Count == 0)
        {
            var cols = table.Columns.Select(c => $"CAST(NULL AS {DuckType(c.Type)}) AS {Quote(c.Name)}")
                .Append($"CAST(NULL AS VARCHAR) AS {TableEntry.PartitionColumn}");
            return $"CREATE OR REPLACE VIEW {name} AS SELECT {string.Join(", ", cols)} WHERE false";
        }
        var list = string.Join(", ", paths.Select(p => "'" + p.Replace("'", "''") + "'"));
        return $"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet([{list}], hive_partitioning = true, " +
               $"hive_types = {{'{TableEntry.PartitionColumn}': VARCHAR}}, union_by_name = true)";
    }

    public static string DuckType(ColumnType t) => t switch
    {
        ColumnType.String => "VARCHAR",
        ColumnType.Int32 => "INTEGER",
        ColumnType.Int64 => "BIGINT",
        ColumnType.Float => "FLOAT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMPTZ",
        ColumnType.Int32List => "INTEGER[]",
        ColumnType.FloatList => "FLOAT[]",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public DuckDBCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>Writes the query's result as one Snappy Parquet file.</summary>
    public void CopyToParquet(string sql, string path)
    {
        using var cmd = Command(new StringBuilder("COPY (").Append(sql.TrimEnd().TrimEnd(';')).Append(") TO '")
            .Append(path.Replace("'", "''")).Append("' (FORMAT PARQUET, COMPRESSION SNAPPY)").ToString());
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>Where DuckDB reads a catalog file from: the file itself locally, a cached copy for S3.</summary>
public interface IPartitionFiles
{
    Task<string> LocalPathAsync(DataFileEntry file, CancellationToken ct);
}

public sealed class LocalPartitionFiles(LocalObjectStore store) : IPartitionFiles
{
    public Task<string> LocalPathAsync(DataFileEntry file, CancellationToken ct) => Task.FromResult(store.PathOf(file.Key));
}
