using System.Diagnostics;
using System.Text.Json;
using AkkaEtl.Arguments;
using AkkaEtl.Common;
using DuckDB.NET.Data;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// <c>bench-peer</c> (used by <c>bench</c>): the peer, DuckDB, on the same raw files in a process of its own, so its
/// time and peak memory are measured like ours. Plain conversion, or the feature subset of the issue.
/// </summary>
public sealed class BenchPeerCommand : ICommand
{
    public string Name => "bench-peer";
    public string Summary => "(for bench) DuckDB's read_json to Parquet, plain or with a feature subset";
    public string Usage => "usage: akkaetl bench-peer --mode plain|features --source DAY-FOLDER --out FILE.parquet [--threads 2]";
    public IReadOnlyCollection<string> Options { get; } = ["mode", "source", "out", "threads"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var mode = args.Require("mode");
        var glob = Path.Combine(Path.GetFullPath(args.Require("source")), "*.json*").Replace("'", "''");
        var output = Path.GetFullPath(args.Require("out")).Replace("'", "''");
        // The generated schema, stated: a value that is text in one record and an object in the next stays JSON.
        const string columns = "{id: 'VARCHAR', source: 'VARCHAR', url: 'VARCHAR', title: 'JSON', company: 'JSON', location: 'JSON', remote: 'JSON', " +
                               "employment_type: 'JSON', salary: 'JSON', description: 'JSON', language: 'JSON', posted_at: 'JSON', updated_at: 'JSON', meta: 'JSON'}";
        var source = $"read_json('{glob}', format = 'newline_delimited', ignore_errors = true, maximum_object_size = 16777216, columns = {columns})";
        var select = mode switch
        {
            "plain" => $"SELECT * FROM {source}",
            // What the system we replace computed in SQL: HTML stripped by regex, whitespace collapsed, lengths, a salary regex.
            "features" => $"""
                SELECT id AS job_id, title ->> '$' AS title,
                       trim(regexp_replace(regexp_replace(description ->> '$', '<[^>]+>', ' ', 'g'), '\s+', ' ', 'g')) AS description_text,
                       length(description_text) AS description_chars,
                       length(string_split(description_text, ' ')) AS description_words,
                       regexp_extract(CAST(salary AS VARCHAR), '([$£€])\s?(\d[\d,.]*)\s?([kK])?', 2) AS salary_min_text
                FROM {source}
                """,
            _ => throw new UsageException("--mode must be plain or features"),
        };
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = $"SET threads = {args.Int("threads", 2, min: 1)}";
            set.ExecuteNonQuery();
        }
        using (var copy = connection.CreateCommand())
        {
            copy.CommandText = $"COPY ({select}) TO '{output}' (FORMAT PARQUET, COMPRESSION SNAPPY)";
            copy.ExecuteNonQuery();
        }
        long rows;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*) FROM read_parquet('{output}')";
            rows = Convert.ToInt64(count.ExecuteScalar());
        }
        Console.WriteLine(JsonSerializer.Serialize(new { mode, rows, seconds = watch.Elapsed.TotalSeconds, peak_rss_bytes = ProcessMemory.PeakResidentBytes() }));
        return Task.FromResult(ExitCodes.Ok);
    }
}
