using System.Diagnostics;
using AkkaEtl.Features;
using AkkaEtl.Ingest;

namespace AkkaEtl.Benchmarks.Extraction;

/// <summary>Runs ChunkExtractor.Process over every line as the pipeline does: one reused batch per thread, cleared per chunk.</summary>
public sealed class ExtractionRunner(BenchData data)
{
    private const int ChunkRows = 4096;

    private readonly JobFeatureExtractor _extractor = new();
    private readonly FeatureSchema _schema = new(JobColumns.All);

    public readonly record struct Result(double MicrosPerRecord, double RecordsPerSecond, double BytesPerRecord, int Gen0);

    public void Warm()
    {
        // Enough passes for tiered compilation (and PGO) to settle on the hot methods.
        for (var i = 0; i < 3; i++) Pass(new ChunkExtractor(_extractor, _schema), new RowBatch(_schema));
        Thread.Sleep(500);
        Pass(new ChunkExtractor(_extractor, _schema), new RowBatch(_schema));
    }

    public Result Run(int threads, int rounds)
    {
        var allocated = new long[threads];
        using var start = new Barrier(threads + 1);
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                var chunk = new ChunkExtractor(_extractor, _schema);
                var rows = new RowBatch(_schema);
                Pass(chunk, rows); // this thread's scratch buffers and batch grown before measuring
                start.SignalAndWait();
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var r = 0; r < rounds; r++) Pass(chunk, rows);
                allocated[index] = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            workers[t].Start();
        }
        var gen0 = GC.CollectionCount(0);
        start.SignalAndWait();
        var sw = Stopwatch.StartNew();
        foreach (var w in workers) w.Join();
        sw.Stop();
        var records = (double)data.Lines.Count * rounds * threads;
        return new Result(
            sw.Elapsed.TotalMicroseconds * threads / records,
            records / sw.Elapsed.TotalSeconds,
            allocated.Sum() / records,
            GC.CollectionCount(0) - gen0);
    }

    private void Pass(ChunkExtractor chunk, RowBatch rows)
    {
        var lines = data.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            chunk.Process(lines[i], LineFlag.None, i + 1, "bench.jsonl", BenchData.Day, rows);
            if (rows.RowCount == ChunkRows) rows.Clear();
        }
        rows.Clear();
    }
}
