using AkkaEtl.Features;
using AkkaEtl.Glue;

namespace AkkaEtl.Tests.Glue;

public sealed class AthenaDdlTests
{
    private static readonly ColumnSpec[] Schema =
    [
        ColumnSpec.String("job_id", required: true),
        ColumnSpec.Double("salary_min"),
        ColumnSpec.Timestamp("posted_at"),
        ColumnSpec.Int32List("text_hash_idx"),
        ColumnSpec.FloatList("text_hash_val"),
        ColumnSpec.Int64("source_line", required: true),
    ];

    [Fact]
    public void Registered_partitions_with_the_repair_alternatives_as_a_comment()
    {
        var ddl = AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/warehouse/jobs", Schema);

        Assert.Equal(
            """
            -- Without partition projection Athena reads only the partitions in the catalog. After writing new days,
            -- register them (the Glue registrar does), or load them all with
            --   MSCK REPAIR TABLE `analytics`.`jobs`;
            -- or add them one by one with
            --   ALTER TABLE `analytics`.`jobs` ADD IF NOT EXISTS PARTITION (day_partition = 'YYYY-MM-DD') LOCATION 's3://my-bucket/warehouse/jobs/day_partition=YYYY-MM-DD/';
            CREATE EXTERNAL TABLE IF NOT EXISTS `analytics`.`jobs` (
              `job_id` string,
              `salary_min` double,
              `posted_at` timestamp,
              `text_hash_idx` array<int>,
              `text_hash_val` array<float>,
              `source_line` bigint
            )
            PARTITIONED BY (day_partition string)
            STORED AS PARQUET
            LOCATION 's3://my-bucket/warehouse/jobs/'
            TBLPROPERTIES (
              'parquet.compression'='SNAPPY'
            )

            """.ReplaceLineEndings("\n"),
            ddl);
    }

    [Fact]
    public void Date_projection_needs_no_partitions()
    {
        var ddl = AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/warehouse/jobs/", Schema[..2],
            AthenaDdlOptions.Projected(new DateOnly(2024, 1, 1)));

        Assert.Equal(
            """
            CREATE EXTERNAL TABLE IF NOT EXISTS `analytics`.`jobs` (
              `job_id` string,
              `salary_min` double
            )
            PARTITIONED BY (day_partition string)
            STORED AS PARQUET
            LOCATION 's3://my-bucket/warehouse/jobs/'
            TBLPROPERTIES (
              'parquet.compression'='SNAPPY',
              'projection.enabled'='true',
              'projection.day_partition.type'='date',
              'projection.day_partition.format'='yyyy-MM-dd',
              'projection.day_partition.range'='2024-01-01,NOW',
              'projection.day_partition.interval'='1',
              'projection.day_partition.interval.unit'='DAYS',
              'storage.location.template'='s3://my-bucket/warehouse/jobs/day_partition=${day_partition}/'
            )

            """.ReplaceLineEndings("\n"),
            ddl);
    }

    [Fact]
    public void Repair_and_add_partition_statements()
    {
        Assert.Equal("MSCK REPAIR TABLE `analytics`.`jobs`", AthenaDdl.RepairTable("analytics", "jobs"));
        Assert.Equal(
            """
            ALTER TABLE `analytics`.`jobs` ADD IF NOT EXISTS
              PARTITION (day_partition = '2024-01-01') LOCATION 's3://b-1/wh/jobs/day_partition=2024-01-01/'
              PARTITION (day_partition = '2024-01-02') LOCATION 's3://b-1/wh/jobs/day_partition=2024-01-02/'

            """.ReplaceLineEndings("\n"),
            AthenaDdl.AddPartitions("analytics", "jobs", "s3://b-1/wh/jobs/", ["2024-01-02", "2024-01-01", "2024-01-02"]));
    }

    [Fact]
    public void Names_are_lower_cased_and_validated()
    {
        var ddl = AthenaDdl.CreateTable("Analytics", "Jobs", "s3://my-bucket/jobs/", [ColumnSpec.String("JobId")]);
        Assert.Contains("CREATE EXTERNAL TABLE IF NOT EXISTS `analytics`.`jobs` (\n  `jobid` string\n)", ddl);

        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/jobs/", [ColumnSpec.String("bad`name")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/jobs/", [ColumnSpec.String("with space")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/jobs/", [ColumnSpec.String("day_partition")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/jobs/", [ColumnSpec.String("a"), ColumnSpec.String("a")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("ana-lytics", "jobs", "s3://my-bucket/jobs/", [ColumnSpec.String("a")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs`x", "s3://my-bucket/jobs/", [ColumnSpec.String("a")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/it's/", [ColumnSpec.String("a")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "https://my-bucket/jobs/", [ColumnSpec.String("a")]));
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("analytics", "jobs", "s3://my-bucket/jobs/", []));
    }
}
