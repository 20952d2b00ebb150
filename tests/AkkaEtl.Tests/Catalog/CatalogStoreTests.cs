using AkkaEtl.Catalog;
using AkkaEtl.Common;
using AkkaEtl.Features;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Catalog;

public class CatalogStoreTests
{
    [Fact]
    public async Task Tables_and_partitions_round_trip_and_filter_by_days()
    {
        using var dir = new TempDir();
        var catalog = new CatalogStore(new LocalObjectStore(dir.Path));
        var now = DateTimeOffset.UtcNow;
        var table = new TableEntry("jobs", "jobs/", JobColumns.All, "job_id", "builtin", now, now);
        await catalog.PutTableAsync(table);
        foreach (var day in new[] { "2020-01-01", "2020-01-02", "2020-01-03" })
            await catalog.PutPartitionAsync(new PartitionEntry("jobs", day, "v1", [new DataFileEntry($"jobs/day_partition={day}/part-v1-00000.snappy.parquet", 10, 100, 1)],
                10, 100, now, new PartitionLineage(1, 1000, 11, 1, 0, "r1", null)));

        var tables = await catalog.ListTablesAsync();
        Assert.Equal("jobs", Assert.Single(tables).Name);
        Assert.Equal(JobColumns.All, tables[0].Columns);
        var some = await catalog.ListPartitionsAsync("jobs", DayRange.Parse("2020-01-02..2020-01-05"));
        Assert.Equal(["2020-01-02", "2020-01-03"], some.Select(p => p.Day));
        Assert.Equal(10, some[0].Files[0].Rows);
        Assert.True(File.Exists(dir.Sub("_catalog", "partitions", "jobs", "day_partition=2020-01-01.json")));
    }

    [Fact]
    public void Adding_columns_is_allowed_and_changing_a_type_is_refused()
    {
        IReadOnlyList<ColumnSpec> v1 = [ColumnSpec.String("id", true), ColumnSpec.Double("x")];
        IReadOnlyList<ColumnSpec> v2 = [ColumnSpec.String("id", true), ColumnSpec.Double("x"), ColumnSpec.Int32("y")];
        IReadOnlyList<ColumnSpec> bad = [ColumnSpec.String("id", true), ColumnSpec.String("x")];
        Assert.Null(SchemaEvolution.Incompatibility("t", v1, v2));
        Assert.Equal(["id", "x", "y"], SchemaEvolution.Merge(v1, v2).Select(c => c.Name));
        var error = SchemaEvolution.Incompatibility("t", v2, bad);
        Assert.Contains("'x' is Double in the table but String in the extractor", error);
    }
}
