using AkkaEtl.Coordinator.Query;

namespace AkkaEtl.Tests.Query;

/// <summary>The days fetched for a query: a hint that is too narrow would silently drop rows, so anything unusual means all days.</summary>
public class DayRangeHintTests
{
    [Theory]
    [InlineData("SELECT count(*) FROM jobs WHERE day_partition BETWEEN '2020-01-02' AND '2020-01-05'", "2020-01-02..2020-01-05")]
    [InlineData("SELECT * FROM jobs WHERE day_partition >= '2020-01-02' AND day_partition < '2020-01-05' AND is_remote", "2020-01-02..2020-01-04")]
    [InlineData("select * from jobs where day_partition = '2020-03-01'", "2020-03-01")]
    [InlineData("SELECT * FROM jobs WHERE day_partition IN ('2020-01-09', '2020-01-03')", "2020-01-03..2020-01-09")]
    public void Simple_conditions_narrow_the_days(string sql, string expected) =>
        Assert.Equal(expected, DayRangeHint.FromSql(sql)?.ToString());

    [Theory]
    [InlineData("SELECT count(*) FROM jobs")]
    [InlineData("SELECT * FROM jobs WHERE day_partition = '2020-01-02' OR company = 'x'")]
    [InlineData("SELECT * FROM jobs WHERE NOT day_partition = '2020-01-02'")]
    [InlineData("SELECT * FROM jobs WHERE day_partition <> '2020-01-02'")]
    [InlineData("SELECT * FROM jobs j JOIN clicks c ON j.job_id = c.job_id WHERE c.day_partition = '2020-01-02'")]
    [InlineData("SELECT * FROM jobs j, clicks c WHERE c.day_partition = '2020-01-02'")]
    [InlineData("SELECT * FROM jobs WHERE job_id IN (SELECT job_id FROM clicks WHERE day_partition = '2020-01-02')")]
    [InlineData("WITH d AS (SELECT * FROM jobs WHERE day_partition = '2020-01-02') SELECT * FROM d")]
    [InlineData("SELECT job_id FROM jobs WHERE day_partition = '2020-01-02' UNION ALL SELECT job_id FROM jobs")]
    public void Anything_else_means_all_days(string sql) => Assert.Null(DayRangeHint.FromSql(sql));
}
