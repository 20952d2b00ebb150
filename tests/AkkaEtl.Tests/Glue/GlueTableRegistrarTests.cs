using System.Text.Json;
using AkkaEtl.Features;
using AkkaEtl.Glue;

namespace AkkaEtl.Tests.Glue;

[Collection(GlueMotoCollection.Name)]
public sealed class GlueTableRegistrarTests(GlueMotoFixture moto)
{
    private const string Location = "s3://warehouse-bucket/features/jobs/";
    private static readonly string[] ThreeDays = ["2024-03-01", "2024-03-02", "2024-03-03"];

    [Fact]
    public async Task Register_creates_database_table_and_partitions()
    {
        using var client = moto.CreateClient();
        var registrar = new GlueTableRegistrar(client);
        var db = GlueMotoFixture.UniqueDatabase();

        var result = await registrar.RegisterAsync(db, "jobs", Location, JobColumns.All, ThreeDays);

        Assert.True(result.DatabaseCreated);
        Assert.Equal(GlueTableChange.Created, result.TableChange);
        Assert.Equal(ThreeDays, result.PartitionsCreated);
        Assert.Empty(result.PartitionsRelocated);

        var table = await client.GetTableAsync(db, "jobs");
        Assert.Equal("EXTERNAL_TABLE", table.TableType);
        var sd = Assert.IsType<GlueStorageDescriptor>(table.StorageDescriptor);
        Assert.Equal(JobColumns.All.Select(c => (c.Name, c.SqlType)), sd.Columns!.Select(c => (c.Name, c.Type)));
        Assert.DoesNotContain(sd.Columns!, c => c.Name == "day_partition");
        Assert.Contains(sd.Columns!, c => c is { Name: "text_hash_idx", Type: "array<int>" });
        Assert.Contains(sd.Columns!, c => c is { Name: "text_hash_val", Type: "array<float>" });
        Assert.Contains(sd.Columns!, c => c is { Name: "posted_at", Type: "timestamp" });
        Assert.Contains(sd.Columns!, c => c is { Name: "source_line", Type: "bigint" });
        Assert.Equal([new GlueColumn("day_partition", "string")], table.PartitionKeys!);
        Assert.Equal(Location, sd.Location);
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", sd.InputFormat);
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", sd.OutputFormat);
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", sd.SerdeInfo!.SerializationLibrary);
        Assert.Equal("1", sd.SerdeInfo.Parameters!["serialization.format"]);
        Assert.Equal("parquet", table.Parameters!["classification"]);
        Assert.Equal("TRUE", table.Parameters["EXTERNAL"]);
        Assert.Equal("SNAPPY", table.Parameters["parquet.compression"]);

        var partitions = await client.GetPartitionsAsync(db, "jobs");
        Assert.Equal(3, partitions.Count);
        foreach (var day in ThreeDays)
        {
            var p = Assert.Single(partitions, p => p.Values.SequenceEqual([day]));
            Assert.Equal($"{Location}day_partition={day}/", p.StorageDescriptor!.Location);
            Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", p.StorageDescriptor.SerdeInfo!.SerializationLibrary);
        }
    }

    [Fact]
    public async Task Registering_again_adds_only_new_days_and_no_duplicates()
    {
        using var client = moto.CreateClient();
        var registrar = new GlueTableRegistrar(client);
        var db = GlueMotoFixture.UniqueDatabase();
        await registrar.RegisterAsync(db, "jobs", Location, JobColumns.All, ThreeDays);

        var again = await registrar.RegisterAsync(db, "jobs", Location, JobColumns.All, [.. ThreeDays, "2024-03-04", "2024-03-02"]);

        Assert.False(again.DatabaseCreated);
        Assert.Equal(GlueTableChange.Unchanged, again.TableChange);
        Assert.Equal(["2024-03-04"], again.PartitionsCreated);
        var partitions = await client.GetPartitionsAsync(db, "jobs");
        Assert.Equal(4, partitions.Count);
        Assert.Equal(4, partitions.Select(p => p.Values.Single()).Distinct().Count());

        // Nothing new at all: nothing is sent to create.
        var unchanged = await registrar.RegisterAsync(db, "jobs", Location, JobColumns.All, ThreeDays);
        Assert.Empty(unchanged.PartitionsCreated);
        Assert.Equal(4, (await client.GetPartitionsAsync(db, "jobs")).Count);
    }

    [Fact]
    public async Task Partitions_created_behind_the_registrars_back_are_not_errors()
    {
        using var client = moto.CreateClient();
        var db = GlueMotoFixture.UniqueDatabase();
        await new GlueTableRegistrar(client).RegisterAsync(db, "jobs", Location, JobColumns.All, ThreeDays);

        // A concurrent registration: BatchCreatePartition answers AlreadyExistsException for the existing day.
        var definition = new GlueTableDefinition("jobs", Location, JobColumns.All);
        var result = await client.BatchCreatePartitionAsync(db, "jobs", [definition.PartitionInput("2024-03-01"), definition.PartitionInput("2024-03-09")]);

        Assert.True(result.Succeeded);
        Assert.Equal(["2024-03-01"], result.AlreadyExisting.Select(e => e.PartitionValues.Single()));
        Assert.Equal(4, (await client.GetPartitionsAsync(db, "jobs")).Count);
    }

    [Fact]
    public async Task A_new_column_updates_the_table()
    {
        using var client = moto.CreateClient();
        var registrar = new GlueTableRegistrar(client);
        var db = GlueMotoFixture.UniqueDatabase();
        await registrar.RegisterAsync(db, "jobs", Location, JobColumns.All, ThreeDays);

        List<ColumnSpec> wider = [.. JobColumns.All, ColumnSpec.Float("seniority_score")];
        var result = await registrar.RegisterAsync(db, "jobs", Location, wider, ["2024-03-04"]);

        Assert.Equal(GlueTableChange.Updated, result.TableChange);
        var table = await client.GetTableAsync(db, "jobs");
        Assert.Equal(new GlueColumn("seniority_score", "float"), table.StorageDescriptor!.Columns![^1]);
        Assert.Equal(JobColumns.All.Count + 1, table.StorageDescriptor.Columns.Count);
        Assert.Equal("SNAPPY", table.Parameters!["parquet.compression"]);
        Assert.Equal([new GlueColumn("day_partition", "string")], table.PartitionKeys!);
        var added = Assert.Single(await client.GetPartitionsAsync(db, "jobs", "day_partition = '2024-03-04'"));
        Assert.Equal(new GlueColumn("seniority_score", "float"), added.StorageDescriptor!.Columns![^1]);

        var same = await registrar.RegisterAsync(db, "jobs", Location, wider, []);
        Assert.Equal(GlueTableChange.Unchanged, same.TableChange);
    }

    [Fact]
    public async Task A_moved_table_moves_its_table_and_partition_locations()
    {
        using var client = moto.CreateClient();
        var registrar = new GlueTableRegistrar(client);
        var db = GlueMotoFixture.UniqueDatabase();
        await registrar.RegisterAsync(db, "jobs", Location, JobColumns.All, ThreeDays);

        const string moved = "s3://other-bucket/v2/jobs"; // no trailing slash: one is added
        var result = await registrar.RegisterAsync(db, "jobs", moved, JobColumns.All, ["2024-03-02", "2024-03-05"]);

        Assert.Equal(GlueTableChange.Updated, result.TableChange);
        Assert.Equal(["2024-03-05"], result.PartitionsCreated);
        Assert.Equal(["2024-03-02"], result.PartitionsRelocated);
        Assert.Equal(moved + "/", (await client.GetTableAsync(db, "jobs")).StorageDescriptor!.Location);
        var byDay = (await client.GetPartitionsAsync(db, "jobs")).ToDictionary(p => p.Values.Single(), p => p.StorageDescriptor!.Location);
        Assert.Equal(4, byDay.Count);
        Assert.Equal($"{Location}day_partition=2024-03-01/", byDay["2024-03-01"]);
        Assert.Equal($"{moved}/day_partition=2024-03-02/", byDay["2024-03-02"]);
        Assert.Equal($"{moved}/day_partition=2024-03-05/", byDay["2024-03-05"]);
    }

    [Fact]
    public async Task More_than_100_days_go_in_chunks_of_100()
    {
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        using var client = moto.CreateClient(http);
        var db = GlueMotoFixture.UniqueDatabase();
        var start = new DateOnly(2023, 1, 1);
        var days = Enumerable.Range(0, 250).Select(i => PartitionDays.Of(start.AddDays(i))).ToList();

        var result = await new GlueTableRegistrar(client).RegisterAsync(db, "jobs", Location, JobColumns.All, days.AsEnumerable().Reverse());

        Assert.Equal(days, result.PartitionsCreated);
        var batches = recorder.For("BatchCreatePartition");
        Assert.Equal([100, 100, 50], batches.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("PartitionInputList").GetArrayLength()));
        var partitions = await client.GetPartitionsAsync(db, "jobs");
        Assert.Equal(days, partitions.Select(p => p.Values.Single()).Order(StringComparer.Ordinal));

        // Registering the same 250 days again sends no BatchCreatePartition at all.
        await new GlueTableRegistrar(client).RegisterAsync(db, "jobs", Location, JobColumns.All, days);
        Assert.Equal(3, recorder.For("BatchCreatePartition").Count);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_any_call()
    {
        var stub = new StubGlueHandler((_, _, _) => throw new InvalidOperationException("no call expected"));
        using var http = new HttpClient(stub);
        using var client = moto.CreateClient(http);
        var registrar = new GlueTableRegistrar(client);

        await Assert.ThrowsAsync<ArgumentException>(() => registrar.RegisterAsync("db", "jobs", Location, JobColumns.All, ["2024-13-01"]));
        await Assert.ThrowsAsync<ArgumentException>(() => registrar.RegisterAsync("db", "jobs", "/local/path/jobs", JobColumns.All, ThreeDays));
        await Assert.ThrowsAsync<ArgumentException>(() => registrar.RegisterAsync("db", "jobs; drop", Location, JobColumns.All, ThreeDays));
        await Assert.ThrowsAsync<ArgumentException>(() => registrar.RegisterAsync("db", "jobs", Location, [ColumnSpec.String("day_partition")], ThreeDays));
        await Assert.ThrowsAsync<ArgumentException>(() => registrar.RegisterAsync("db", "jobs", Location, [ColumnSpec.String("a"), ColumnSpec.Int32("A")], ThreeDays));
        Assert.Equal(0, stub.Calls);
    }
}
