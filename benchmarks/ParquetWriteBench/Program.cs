using System.Diagnostics;
using System.Globalization;
using AkkaEtl.Benchmarks.Extraction;
using AkkaEtl.Benchmarks.ParquetWrite;
using AkkaEtl.Features;
using AkkaEtl.Ingest;
using AkkaEtl.Parquet;
using Parquet;

// Parquet writing of one row group of extracted job rows: Parquet.Net (the former writer) against ColumnarParquetWriter.
//   dotnet run -c Release --project benchmarks/ParquetWriteBench -- [--records N] [--rounds R] [--out DIR] [--columns]
// Time is the process's CPU time per row (the machine is shared; wall time is shown too), best of R rounds, into a
// MemoryStream; the files are also written once to DIR (default: temp) for their sizes.
var records = 25_000;
var rounds = 7;
var perColumn = false;
var outDir = Path.Combine(Path.GetTempPath(), "akkaetl-parquet-write-bench");
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": outDir = args[++i]; break;
        case "--columns": perColumn = true; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

var data = BenchData.Load(records);
var schema = new FeatureSchema(JobColumns.All);
var batch = Extract(data, schema);
var map = new ParquetSchemaMap(schema);
Console.WriteLine($"{batch.RowCount:N0} rows from {data.Lines.Count:N0} generated postings ({data.Bytes / 1e6:F1} MB of JSON), {Environment.ProcessorCount} cores");

var writers = new (string Name, Func<Stream, RowBatch, Task> Write)[]
{
    ("Parquet.Net 6.1", async (s, b) =>
    {
        await using var w = await ParquetWriter.CreateAsync(map.Parquet, s, PartFileWriter.Options);
        await ParquetNetRowGroupWriter.WriteAsync(w, map, b);
    }),
    ("ColumnarParquetWriter", (s, b) => WriteColumnar(s, b, ColumnarParquetWriterOptions.Default)),
    ("ColumnarParquetWriter, no dictionary", (s, b) => WriteColumnar(s, b, new ColumnarParquetWriterOptions { DictionaryMaxEntries = 0 })),
    ("ColumnarParquetWriter, uncompressed", (s, b) => WriteColumnar(s, b, new ColumnarParquetWriterOptions { Snappy = false })),
};

Directory.CreateDirectory(outDir);
foreach (var (name, write) in writers)
{
    var path = Path.Combine(outDir, name.Replace(' ', '-').Replace(",", "") + ".parquet");
    await using (var file = File.Create(path)) await write(file, batch);
    var result = Measure(() => write(new MemoryStream(64 << 20), batch).GetAwaiter().GetResult(), rounds);
    var size = new FileInfo(path).Length;
    Console.WriteLine($"{name,-38} {result.Cpu / batch.RowCount,6:F2} µs/row CPU ({result.Wall / batch.RowCount,6:F2} wall)  " +
                      $"{batch.EstimatedBytes / result.Cpu,6:F0} MB/s of batch  file {size / 1e6,6:F2} MB  {path}");
}

if (perColumn)
{
    // Each column alone, with the lineage columns every schema carries; their cost alone is the first line.
    Console.WriteLine();
    Console.WriteLine("ColumnarParquetWriter per column, lineage columns included (µs/row CPU, bytes/row in the file)");
    var lineageOnly = new FeatureSchema([]);
    foreach (var c in new int[] { -1 }.Concat(Enumerable.Range(0, JobColumns.All.Count - 2)))
    {
        var single = c < 0 ? lineageOnly : new FeatureSchema([schema[c]]);
        var one = Project(batch, single);
        var oneMap = new ParquetSchemaMap(single);
        var stream = new MemoryStream();
        var result = Measure(() =>
        {
            stream.SetLength(0);
            WriteColumnar(stream, one, ColumnarParquetWriterOptions.Default, oneMap).GetAwaiter().GetResult();
        }, rounds);
        Console.WriteLine($"  {(c < 0 ? "(lineage only)" : schema[c].Name),-20} {result.Cpu / batch.RowCount,6:F3}  {stream.Length / (double)batch.RowCount,8:F1}");
    }
}
return 0;

async Task WriteColumnar(Stream s, RowBatch b, ColumnarParquetWriterOptions options, ParquetSchemaMap? m = null)
{
    await using var w = await ColumnarParquetWriter.CreateAsync(s, m ?? map, null, options);
    await w.WriteAsync(b);
    await w.CompleteAsync();
}

// Best round of the process's CPU time and of wall time, in µs, after warm-up rounds for tiered compilation.
static (double Cpu, double Wall) Measure(Action run, int rounds)
{
    for (var i = 0; i < 4; i++) run();
    double cpu = double.MaxValue, wall = double.MaxValue;
    var process = Process.GetCurrentProcess();
    for (var r = 0; r < rounds; r++)
    {
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        run();
        wall = Math.Min(wall, sw.Elapsed.TotalMicroseconds);
        process.Refresh();
        cpu = Math.Min(cpu, (process.TotalProcessorTime - cpu0).TotalMicroseconds);
    }
    return (cpu, wall);
}

static RowBatch Extract(BenchData data, FeatureSchema schema)
{
    var chunk = new ChunkExtractor(new JobFeatureExtractor(), schema);
    var batch = new RowBatch(schema);
    for (var i = 0; i < data.Lines.Count; i++)
        chunk.Process(data.Lines[i], LineFlag.None, i + 1, "raw/2024/05/01/part-00000.jsonl", BenchData.Day, batch);
    return batch;
}

// The batch's columns that another schema names, row by row through the public row API.
static RowBatch Project(RowBatch from, FeatureSchema schema)
{
    var to = new RowBatch(schema);
    var sources = schema.Columns.Select(c => from.Schema.IndexOf(c.Name)).ToArray();
    var offsets = new int[sources.Length];
    for (var r = 0; r < from.RowCount; r++)
    {
        to.BeginRow();
        for (var c = 0; c < sources.Length; c++)
        {
            switch (from.Column(sources[c]))
            {
                case StringColumn s: to.SetString(c, s.IsNull(r) ? null : s.Span(r).ToString()); break;
                case ValueColumn<int> v: to.SetInt32(c, v.Values[r]); break;
                case ValueColumn<long> v: to.SetInt64(c, v.Values[r]); break;
                case ValueColumn<float> v: to.SetFloat(c, v.Values[r]); break;
                case ValueColumn<double> v: to.SetDouble(c, v.Values[r]); break;
                case ValueColumn<bool> v: to.SetBoolean(c, v.Values[r]); break;
                case ValueColumn<DateTime> v: to.SetTimestamp(c, v.Values[r]); break;
                case ListColumn<int> l:
                    to.SetInt32List(c, l.Elements.Span.Slice(offsets[c], l.Lengths[r]));
                    offsets[c] += l.Lengths[r];
                    break;
                case ListColumn<float> l:
                    to.SetFloatList(c, l.Elements.Span.Slice(offsets[c], l.Lengths[r]));
                    offsets[c] += l.Lengths[r];
                    break;
            }
        }
        to.EndRow();
    }
    return to;
}
