namespace AkkaEtl.Catalog;

/// <summary>Where everything lives in a warehouse, in one place.</summary>
public static class CatalogKeys
{
    public const string CatalogRoot = "_catalog";

    public static string Table(string table) => $"{CatalogRoot}/tables/{table}.json";
    public static string TablesPrefix => $"{CatalogRoot}/tables/";
    public static string Partition(string table, string day) => $"{CatalogRoot}/partitions/{table}/day_partition={day}.json";
    public static string PartitionsPrefix(string table) => $"{CatalogRoot}/partitions/{table}/";
    public static string Manifest(string table, string day, string version) => $"{CatalogRoot}/manifests/{table}/day_partition={day}/{version}.json";

    /// <summary>The folder of a day's data files: &lt;table&gt;/day_partition=YYYY-MM-DD/.</summary>
    public static string PartitionPrefix(string table, string day) => $"{table}/day_partition={day}/";

    public static string DataFile(string table, string day, string version, int index) =>
        $"{PartitionPrefix(table, day)}part-{version}-{index:D5}.snappy.parquet";

    public static string StagingPrefix(string table, string day) => $"_staging/{table}/day_partition={day}/";
    public static string StagingRun(string table, string day, string runId) => $"{StagingPrefix(table, day)}{runId}/";
    public static string Plan(string table, string day, string runId) => $"{StagingRun(table, day, runId)}plan.json";
    public static string TrashPrefix => $"{CatalogRoot}/trash/";
    public static string Trash(string table, string day, string version) => $"{TrashPrefix}{table}/day_partition={day}/{version}.json";
    public static string ManifestsPrefix(string table, string day) => $"{CatalogRoot}/manifests/{table}/day_partition={day}/";

    public static string Part(string table, string day, string runId, int item) => $"{StagingRun(table, day, runId)}part-{item:D5}.parquet";
    public static string Versions(string table, string day, string runId, int item) => $"{StagingRun(table, day, runId)}versions-{item:D5}.bin";
    public static string Superseded(string table, string day, string runId, int item) => $"{StagingRun(table, day, runId)}superseded-{item:D5}.bin";

    public static string RejectsPrefix(string table, string day) => $"_rejects/{table}/day_partition={day}/";
    public static string Rejects(string table, string day, string runId, int item) => $"{RejectsPrefix(table, day)}{runId}/item-{item:D5}.jsonl";

    public static bool IsValidTableName(string name) =>
        name.Length is > 0 and <= 128 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
