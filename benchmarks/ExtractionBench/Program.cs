using System.Globalization;
using AkkaEtl.Benchmarks.Extraction;

// Per-record feature extraction, measured the way the pipeline runs it (ChunkExtractor.Process into a reused RowBatch).
//   dotnet run -c Release --project benchmarks/ExtractionBench -- [--records N] [--rounds R] [--no-components]
//       [--dump-hashes FILE | --check-hashes FILE]
// --dump-hashes writes one hash per line of output (row or reject) so a later build can be checked against it with
// --check-hashes: a wider net than the unit test's snapshot, for use during optimisation.
var records = 20_000;
var rounds = 7;
var components = true;
string? dump = null, check = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--no-components": components = false; break;
        case "--dump-hashes": dump = args[++i]; break;
        case "--check-hashes": check = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

var data = BenchData.Load(records);
Console.WriteLine($"{data.Lines.Count:N0} lines, {data.Bytes / (double)data.Lines.Count:F0} bytes/line average, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

if (dump is not null || check is not null)
{
    var hashes = RowDigest.Of(data);
    if (dump is not null)
    {
        File.WriteAllLines(dump, hashes);
        Console.WriteLine($"wrote {hashes.Count:N0} line hashes to {dump}");
    }
    else
    {
        var expected = File.ReadAllLines(check!);
        var diffs = 0;
        for (var i = 0; i < Math.Max(expected.Length, hashes.Count); i++)
        {
            var e = i < expected.Length ? expected[i] : "(none)";
            var a = i < hashes.Count ? hashes[i] : "(none)";
            if (e == a) continue;
            if (++diffs <= 10) Console.WriteLine($"line {i + 1}: {a} expected {e}");
        }
        Console.WriteLine(diffs == 0 ? $"all {hashes.Count:N0} lines equal" : $"{diffs} lines differ");
        if (diffs > 0) return 1;
    }
}

var runner = new ExtractionRunner(data);
runner.Warm();
Console.WriteLine();
Console.WriteLine("whole Process (JobFeatureExtractor, default mapping)");
var one = runner.Run(threads: 1, rounds);
Console.WriteLine($"  1 thread : {one.MicrosPerRecord,7:F2} µs/record (median round {one.MedianMicrosPerRecord:F2}, CPU {one.CpuMicrosPerRecord:F2})  {one.RecordsPerSecond,9:N0} records/s  {one.BytesPerRecord,8:N0} B allocated/record  gen0 GCs {one.Gen0}");
var two = runner.Run(threads: 2, rounds);
Console.WriteLine($"  2 threads: {two.MicrosPerRecord,7:F2} µs/record/thread (median round {two.MedianMicrosPerRecord:F2}, CPU {two.CpuMicrosPerRecord:F2})  {two.RecordsPerSecond,9:N0} records/s  gen0 GCs {two.Gen0}");

if (components)
{
    Console.WriteLine();
    Console.WriteLine("components (1 thread, CPU µs per record, B allocated per record)");
    new ComponentBench(data).Run();
}
return 0;
