using System.Text;
using AkkaEtl.Common;
using AkkaEtl.Features;
using AkkaEtl.Features.Normalization;
using AkkaEtl.Features.Text;
using AkkaEtl.Generation;
using AkkaEtl.Ingest;
using AkkaEtl.Parquet;
using BenchmarkDotNet.Attributes;

namespace AkkaEtl.Benchmarks;

/// <summary>
/// The per-record hot paths on generated postings (the same data as the bench command): line splitting, JSON parse
/// and field extraction, HTML to text, salary parsing, text hashing, and writing a row group.
/// </summary>
[MemoryDiagnoser]
public class HotPaths
{
    private byte[] _file = [];
    private List<byte[]> _lines = [];
    private List<string> _html = [];
    private List<string> _plain = [];
    private readonly SklearnHashingVectorizer _hasher = new();
    private readonly ValueBuffer<int> _idx = new(4096);
    private readonly ValueBuffer<float> _val = new(4096);
    private ChunkExtractor _extractor = null!;
    private RowBatch _batch = null!;
    private ParquetSchemaMap _map = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(Path.GetTempPath(), "akkaetl-microbench");
        if (!Directory.Exists(dir))
            PostingGenerator.Generate(new GeneratorOptions(dir, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1), 2, 1000, 7) { GzipFraction = 0 });
        var path = Directory.GetFiles(dir, "*.jsonl", SearchOption.AllDirectories).Order().First();
        _file = File.ReadAllBytes(path);
        _lines = File.ReadAllLines(path).Select(Encoding.UTF8.GetBytes).ToList();
        foreach (var line in _lines)
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("description", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String) _html.Add(d.GetString()!);
            }
            catch (System.Text.Json.JsonException) { }
        }
        _plain = _html.Select(h => HtmlText.ToPlainText(h)).ToList();
        var jobs = new JobFeatureExtractor();
        var schema = new FeatureSchema(jobs.Columns);
        _extractor = new ChunkExtractor(jobs, schema);
        _batch = new RowBatch(schema);
        _map = new ParquetSchemaMap(schema);
        for (var i = 0; i < _lines.Count; i++) _extractor.Process(_lines[i], LineFlag.None, i + 1, "f.jsonl", new DateOnly(2020, 1, 1), _batch);
    }

    [Benchmark(Description = "split 1,000 lines")]
    public async Task<long> SplitLines()
    {
        var counters = new ReadCounters();
        await foreach (var chunk in LineChunkReader.ReadAsync(new MemoryStream(_file), 0, new LineReaderOptions(), counters)) chunk.Dispose();
        return counters.Lines;
    }

    [Benchmark(Description = "extract 1,000 records (parse + all features)")]
    public int Extract()
    {
        var rows = new RowBatch(_batch.Schema);
        for (var i = 0; i < _lines.Count; i++) _extractor.Process(_lines[i], LineFlag.None, i + 1, "f.jsonl", new DateOnly(2020, 1, 1), rows);
        return rows.RowCount;
    }

    [Benchmark(Description = "HTML to text, 1,000 descriptions")]
    public int HtmlToText()
    {
        var n = 0;
        foreach (var h in _html) n += HtmlText.ToPlainText(h).Length;
        return n;
    }

    [Benchmark(Description = "salary search, 1,000 descriptions")]
    public int Salary()
    {
        var n = 0;
        foreach (var p in _plain) if (SalaryParser.TryParse(p, null, out _)) n++;
        return n;
    }

    [Benchmark(Description = "text hashing, 1,000 descriptions")]
    public int Hashing()
    {
        var n = 0;
        foreach (var p in _plain)
        {
            _idx.Clear();
            _val.Clear();
            n += _hasher.Transform("Senior Engineer", p, _idx, _val);
        }
        return n;
    }

    [Benchmark(Description = "write one row group of 1,000 rows")]
    public async Task<long> WriteRowGroup()
    {
        var path = Path.Combine(Path.GetTempPath(), "akkaetl-microbench-out.parquet");
        await using var writer = await PartFileWriter.CreateAsync(path, _map);
        await writer.WriteAsync(_batch);
        return await writer.CompleteAsync();
    }
}
