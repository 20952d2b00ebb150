using System.Text.Json;
using AkkaEtl.Features;
using AkkaEtl.Messages;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.EndToEnd;

/// <summary>An extractor that gains a column keeps old partitions readable; one that changes a column's type is refused.</summary>
[Collection("processes")]
public sealed class SchemaEvolutionTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("schema");
    private InProcessEtl _etl = null!;

    public async ValueTask InitializeAsync()
    {
        _etl = await InProcessEtl.StartAsync();
        foreach (var day in new[] { "01", "02", "03" })
        {
            var path = _dir.Sub("raw", "2021", "06", day, "f.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Join("\n", Enumerable.Range(0, 5).Select(i => $"{{\"id\":\"{day}-{i}\",\"title\":\"t{i}\",\"score\":{i}}}")) + "\n");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _etl.DisposeAsync();
        _dir.Dispose();
    }

    private RunOptions With<T>() where T : IFeatureExtractor =>
        new(_dir.Sub("raw"), _dir.Sub("wh"), new ExtractorSpec(null, null, typeof(T).Assembly.Location, typeof(T).FullName));

    [Fact]
    public async Task A_new_column_reads_as_null_in_old_partitions_and_a_type_change_is_refused()
    {
        await _etl.RunDayAsync("scores", "2021-06-01", With<ScoresV1>());
        await _etl.RunDayAsync("scores", "2021-06-02", With<ScoresV2>());
        var rows = await InProcessEtl.QueryAsync(_dir.Sub("wh"),
            "SELECT day_partition, count(*), count(title_upper), CAST(sum(score) AS BIGINT) FROM scores GROUP BY 1 ORDER BY 1");
        Assert.Equal(2, rows.Count);
        Assert.Equal<object?>(["2021-06-01", 5L, 0L, 10L], rows[0]);
        Assert.Equal<object?>(["2021-06-02", 5L, 5L, 10L], rows[1]);
        var table = JsonDocument.Parse(File.ReadAllText(_dir.Sub("wh", "_catalog", "tables", "scores.json")));
        Assert.Equal(["id", "title", "score", "source_file", "source_line", "title_upper"],
            table.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var refused = Assert.Single(await AkkaEtl.Coordinator.Hosting.EtlRunner.RunAsync(_etl.Host, "scores",
            AkkaEtl.Common.DayRange.Parse("2021-06-03"), With<ScoresBadType>(), null, CancellationToken.None));
        Assert.Equal(DayState.Failed, refused.State);
        Assert.Contains("a column type change is refused", refused.Error);
        Assert.Contains("'score' is Int64 in the table but String in the extractor", refused.Error);
        Assert.False(Directory.Exists(_dir.Sub("wh", "scores", "day_partition=2021-06-03")));
    }

    public class ScoresV1 : IFeatureExtractor
    {
        public virtual IReadOnlyList<ColumnSpec> Columns { get; } =
            [ColumnSpec.String("id", required: true), ColumnSpec.String("title"), ColumnSpec.Int64("score")];

        public string? KeyColumn => "id";

        public virtual void Extract(in SourceRecord record, IRowWriter row)
        {
            row.SetString(0, record.Json.GetProperty("id").GetString());
            row.SetString(1, record.Json.GetProperty("title").GetString());
            row.SetInt64(2, record.Json.GetProperty("score").GetInt64());
        }
    }

    public sealed class ScoresV2 : ScoresV1
    {
        public override IReadOnlyList<ColumnSpec> Columns { get; } =
            [ColumnSpec.String("id", required: true), ColumnSpec.String("title"), ColumnSpec.Int64("score"), ColumnSpec.String("title_upper")];

        public override void Extract(in SourceRecord record, IRowWriter row)
        {
            base.Extract(record, row);
            row.SetString(3, record.Json.GetProperty("title").GetString()!.ToUpperInvariant());
        }
    }

    public sealed class ScoresBadType : IFeatureExtractor
    {
        public IReadOnlyList<ColumnSpec> Columns { get; } = [ColumnSpec.String("id", required: true), ColumnSpec.String("score")];

        public void Extract(in SourceRecord record, IRowWriter row)
        {
            row.SetString(0, record.Json.GetProperty("id").GetString());
            row.SetString(1, record.Json.GetProperty("score").GetRawText());
        }
    }
}
