using System.Diagnostics;
using AkkaEtl.Features;
using AkkaEtl.Ingest;

namespace AkkaEtl.Benchmarks.Extraction;

/// <summary>Runs ChunkExtractor.Process over every line as the pipeline does: one reused batch per thread, cleared per chunk.</summary>
public sealed class ExtractionRunner(BenchData data)
{
    // The pipeline reads 1 MiB chunks (LineChunkReader) and extracts each into a reused batch: about 400 postings.
    private const int ChunkRows = 400;

    private readonly JobFeatureExtractor _extractor = new();
    private readonly FeatureSchema _schema = new(JobColumns.All);

    /// <summary>Per-record time of the fastest and of the median round (the machine is shared: the best round is the least disturbed).</summary>
    public readonly record struct Result(double MicrosPerRecord, double MedianMicrosPerRecord, double CpuMicrosPerRecord, double RecordsPerSecond, double BytesPerRecord, int Gen0);

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
        var cpu = new double[threads]; // each thread's fastest round, in CPU time
        using var barrier = new Barrier(threads + 1);
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                var chunk = new ChunkExtractor(_extractor, _schema);
                var rows = new RowBatch(_schema);
                Pass(chunk, rows); // this thread's scratch buffers and batch grown before measuring
                var before = GC.GetAllocatedBytesForCurrentThread();
                cpu[index] = double.MaxValue;
                for (var r = 0; r < rounds; r++)
                {
                    barrier.SignalAndWait();
                    var cpuStart = ThreadCpu.Microseconds();
                    Pass(chunk, rows);
                    cpu[index] = Math.Min(cpu[index], ThreadCpu.Microseconds() - cpuStart);
                    barrier.SignalAndWait();
                }
                allocated[index] = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            workers[t].Start();
        }
        var gen0 = GC.CollectionCount(0);
        var times = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            barrier.SignalAndWait();
            var sw = Stopwatch.StartNew();
            barrier.SignalAndWait();
            times[r] = sw.Elapsed.TotalMicroseconds;
        }
        foreach (var w in workers) w.Join();
        Array.Sort(times);
        var perRound = (double)data.Lines.Count * threads;
        return new Result(
            times[0] * threads / perRound,
            times[rounds / 2] * threads / perRound,
            cpu.Average() / data.Lines.Count,
            perRound / (times[0] / 1e6),
            allocated.Sum() / (perRound * rounds),
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
