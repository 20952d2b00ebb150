using System.Text;
using AkkaEtl.Features;

namespace AkkaEtl.Glue;

/// <summary>How <see cref="AthenaDdl.CreateTable"/> lets Athena find a table's partitions.</summary>
public sealed record AthenaDdlOptions
{
    /// <summary>
    /// Set: partition projection over days from this one to NOW, so Athena computes partition locations itself and
    /// needs no partition in the catalog. Null: partitions must be registered (Glue, MSCK REPAIR TABLE or ALTER TABLE).
    /// </summary>
    public DateOnly? ProjectionFrom { get; init; }

    public static AthenaDdlOptions Registered { get; } = new();
    public static AthenaDdlOptions Projected(DateOnly from) => new() { ProjectionFrom = from };
}

/// <summary>The Athena DDL of a warehouse table: an external Snappy Parquet table partitioned by <c>day_partition</c>.</summary>
public static class AthenaDdl
{
    /// <summary><c>CREATE EXTERNAL TABLE IF NOT EXISTS `db`.`table` (...) PARTITIONED BY (day_partition string) STORED AS PARQUET LOCATION ... TBLPROPERTIES (...)</c>.</summary>
    public static string CreateTable(string database, string table, string location, IReadOnlyList<ColumnSpec> columns, AthenaDdlOptions? options = null)
    {
        options ??= AthenaDdlOptions.Registered;
        var name = QualifiedName(database, table);
        var loc = S3TableLocation.Parse(location);
        var glueColumns = HiveTypes.Columns(columns);
        const string p = GlueTableDefinition.PartitionColumn;

        var sb = new StringBuilder();
        if (options.ProjectionFrom is null)
        {
            sb.Append("-- Without partition projection Athena reads only the partitions in the catalog. After writing new days,\n")
              .Append("-- register them (the Glue registrar does), or load them all with\n")
              .Append("--   ").Append(RepairTable(database, table)).Append(";\n")
              .Append("-- or add them one by one with\n")
              .Append("--   ALTER TABLE ").Append(name).Append(" ADD IF NOT EXISTS PARTITION (").Append(p)
              .Append(" = 'YYYY-MM-DD') LOCATION '").Append(loc.Partition("YYYY-MM-DD")).Append("';\n");
        }
        sb.Append("CREATE EXTERNAL TABLE IF NOT EXISTS ").Append(name).Append(" (\n");
        for (var i = 0; i < glueColumns.Count; i++)
        {
            sb.Append("  ").Append(CatalogNames.Quote(glueColumns[i].Name)).Append(' ').Append(glueColumns[i].Type)
              .Append(i < glueColumns.Count - 1 ? ",\n" : "\n");
        }
        sb.Append(")\n")
          .Append("PARTITIONED BY (").Append(p).Append(" string)\n")
          .Append("STORED AS PARQUET\n")
          .Append("LOCATION '").Append(loc.Uri).Append("'\n")
          .Append("TBLPROPERTIES (\n")
          .Append("  'parquet.compression'='SNAPPY'");
        if (options.ProjectionFrom is { } from)
        {
            (string Key, string Value)[] projection =
            [
                ("projection.enabled", "true"),
                ($"projection.{p}.type", "date"),
                ($"projection.{p}.format", PartitionDays.Format),
                ($"projection.{p}.range", $"{PartitionDays.Of(from)},NOW"),
                ($"projection.{p}.interval", "1"),
                ($"projection.{p}.interval.unit", "DAYS"),
                ("storage.location.template", loc.ProjectionTemplate),
            ];
            foreach (var (key, value) in projection) sb.Append(",\n  '").Append(key).Append("'='").Append(value).Append('\'');
        }
        sb.Append("\n)\n");
        return sb.ToString();
    }

    /// <summary><c>MSCK REPAIR TABLE `db`.`table`</c>: Athena scans the location and adds the partitions it finds.</summary>
    public static string RepairTable(string database, string table) => $"MSCK REPAIR TABLE {QualifiedName(database, table)}";

    /// <summary>One <c>ALTER TABLE ... ADD IF NOT EXISTS</c> statement adding the given days with their locations.</summary>
    public static string AddPartitions(string database, string table, string location, IEnumerable<string> days)
    {
        var loc = S3TableLocation.Parse(location);
        var list = PartitionDays.Normalize(days);
        if (list.Count == 0) throw new ArgumentException("no day to add");
        var sb = new StringBuilder("ALTER TABLE ").Append(QualifiedName(database, table)).Append(" ADD IF NOT EXISTS");
        foreach (var day in list)
            sb.Append("\n  PARTITION (").Append(GlueTableDefinition.PartitionColumn).Append(" = '").Append(day)
              .Append("') LOCATION '").Append(loc.Partition(day)).Append('\'');
        return sb.Append('\n').ToString();
    }

    private static string QualifiedName(string database, string table) =>
        $"{CatalogNames.Quote(CatalogNames.Entity(database, "database"))}.{CatalogNames.Quote(CatalogNames.Entity(table, "table"))}";
}
