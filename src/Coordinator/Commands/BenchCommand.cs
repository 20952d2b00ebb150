using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AkkaEtl.Arguments;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Generation;
using AkkaEtl.Storage;
using Spectre.Console;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// <c>bench</c>: the performance benchmark. Makes (or reuses) the standard data, runs AkkaEtl and the DuckDB peers on
/// the same files in the same run, each in a process of its own, and prints records/s, MB/s, peak memory and the
/// ratios the performance targets are stated in.
/// </summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "benchmark AkkaEtl against DuckDB on the same generated day (records/s, MB/s, peak RSS, ratios)";

    public string Usage => """
        usage: akkaetl bench [--dir bench-data] [--quick] [--only std,peers,small,large,discovery] [--rounds N] [--json]
          the standard day: 500,000 records (about 1.3 GB) in 200 files; with --quick, 100,000 in 40 files
          small: the same records in 20,000 files (4,000 with --quick); large: 2,000,000 records (400,000 with --quick)
          discovery: listing and planning a day of 50,000 files
          --rounds N  run every contender N times, in turns, and report each one's medians (a shared machine varies
                      by 10% or more between runs; the ratios of medians are steadier)
        """;

    public IReadOnlyCollection<string> Options { get; } = ["dir", "only", "rounds"];
    public IReadOnlyCollection<string> Flags { get; } = ["quick", "json"];

    public sealed record Measure(string Name, long Records, long Bytes, double Seconds, long PeakRss, string Note = "", double? CompactionSeconds = null)
    {
        public double RecordsPerSecond => Seconds > 0 ? Records / Seconds : 0;
        public double MegabytesPerSecond => Seconds > 0 ? Bytes / 1e6 / Seconds : 0;

        /// <summary>
        /// Several runs of one contender as one: the run of the middle time (of an even number, the faster of the
        /// two in the middle) with its note and compaction, the middle of the peaks, and the spread of the times.
        /// </summary>
        public static Measure Median(IReadOnlyList<Measure> runs)
        {
            if (runs.Count == 1) return runs[0];
            var bySeconds = runs.OrderBy(r => r.Seconds).ToList();
            var middle = bySeconds[(runs.Count - 1) / 2];
            return middle with
            {
                PeakRss = runs.Select(r => r.PeakRss).Order().ElementAt((runs.Count - 1) / 2),
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{middle.Note}; middle of {runs.Count} runs ({bySeconds[0].Seconds:0.0}–{bySeconds[^1].Seconds:0.0} s)"),
            };
        }
    }

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var dir = Path.GetFullPath(args.Get("dir") ?? "bench-data");
        var quick = args.Flag("quick");
        string[] parts = ["std", "peers", "small", "large", "discovery"];
        var only = (args.Get("only") ?? string.Join(',', parts)).Split(',', StringSplitOptions.TrimEntries).ToHashSet();
        if (only.Except(parts).FirstOrDefault() is { } unknown)
            throw new UsageException($"--only: '{unknown}' is not one of {string.Join(", ", parts)}");
        var rounds = args.Int("rounds", 1, min: 1); // before the data is made: a bad value fails at once
        var scale = quick ? 5 : 1;
        var standard = DataSet(dir, "std", 200 / scale, 2500, 7);
        void Log(string text) => Console.Error.WriteLine($"[bench] {text}");

        Log($"standard day: {Ensure(standard, Log)}");
        var rawBytes = FolderBytes(standard.Day);
        // Every contender once a round, in the same order, so that a slow spell of a shared machine hits them alike.
        var contenders = new List<(string Key, Func<Task<Measure>> Run)>();
        if (only.Contains("peers"))
        {
            contenders.Add(("plain", () => PeerAsync("duckdb plain read_json → parquet", "plain", standard, rawBytes, Path.Combine(dir, "out"), ct)));
            contenders.Add(("features", () => PeerAsync("duckdb feature subset", "features", standard, rawBytes, Path.Combine(dir, "out"), ct)));
        }
        if (only.Contains("std"))
            contenders.Add(("std", () => RunOursAsync($"akkaetl run ({standard.Files:N0} files)", standard, rawBytes, Path.Combine(dir, "wh-std"), ct)));
        if (only.Contains("small"))
        {
            var small = DataSet(dir, "small", 20_000 / scale, 2500 * (200 / scale) / (20_000 / scale), 7);
            Log($"small files: {Ensure(small, Log)}");
            var smallBytes = FolderBytes(small.Day);
            contenders.Add(("small", () => RunOursAsync($"akkaetl run ({small.Files:N0} files)", small, smallBytes, Path.Combine(dir, "wh-small"), ct)));
        }
        if (only.Contains("large"))
        {
            var large = DataSet(dir, "large", 800 / scale, 2500, 11);
            Log($"large day: {Ensure(large, Log)}");
            var largeBytes = FolderBytes(large.Day);
            contenders.Add(("large", () => RunOursAsync($"akkaetl run ({large.Records:N0} records)", large, largeBytes, Path.Combine(dir, "wh-large"), ct)));
        }
        var runs = contenders.ToDictionary(c => c.Key, _ => new List<Measure>());
        for (var round = 1; round <= rounds; round++)
        {
            if (rounds > 1) Log($"round {round} of {rounds}");
            foreach (var (key, run) in contenders) runs[key].Add(await run());
        }
        Measure? Of(string key) => runs.TryGetValue(key, out var list) ? Measure.Median(list) : null;
        var results = new Results
        {
            Plain = Of("plain"), Features = Of("features"), Standard = Of("std"), SmallFiles = Of("small"), Large = Of("large"),
        };
        if (only.Contains("discovery"))
            results.Discovery = await DiscoveryAsync(Path.Combine(dir, "many"), 50_000, Log, ct);

        Report(results, args.Flag("json"));
        return ExitCodes.Ok;
    }

    private sealed class Results
    {
        public Measure? Plain, Features, Standard, SmallFiles, Large, Discovery;
        public IEnumerable<Measure> All => new[] { Plain, Features, Standard, SmallFiles, Large, Discovery }.OfType<Measure>();
    }

    private sealed record DataSetSpec(string Root, int Files, int RecordsPerFile, int Seed)
    {
        public long Records => (long)Files * RecordsPerFile;
        public string Day => Path.Combine(Root, "2020", "01", "01");
        public string Marker => Path.Combine(Root, $".complete-{Files}x{RecordsPerFile}-s{Seed}");
    }

    private static DataSetSpec DataSet(string dir, string name, int files, int perFile, int seed) => new(Path.Combine(dir, name), files, perFile, seed);

    private static string Ensure(DataSetSpec set, Action<string> log)
    {
        if (File.Exists(set.Marker)) return $"reusing {set.Records:N0} records in {set.Files:N0} files ({Sizes.Human(FolderBytes(set.Day))})";
        if (Directory.Exists(set.Root)) Directory.Delete(set.Root, recursive: true);
        log($"generating {set.Records:N0} records in {set.Files:N0} files under {set.Root}");
        var summary = PostingGenerator.Generate(new GeneratorOptions(set.Root, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1), set.Files, set.RecordsPerFile, set.Seed));
        File.WriteAllText(set.Marker, "");
        return $"generated {summary.Records:N0} records in {summary.Elapsed.TotalSeconds:0.0} s ({Sizes.Human(summary.Bytes)})";
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static async Task<Measure> RunOursAsync(string name, DataSetSpec set, long bytes, string warehouse, CancellationToken ct)
    {
        if (Directory.Exists(warehouse)) Directory.Delete(warehouse, recursive: true);
        var (output, seconds) = await ChildAsync(["run", "--source", set.Root, "--warehouse", warehouse, "--table", "jobs", "--days", "2020-01-01", "--json"], ct);
        using var json = JsonDocument.Parse(output);
        var day = json.RootElement.GetProperty("days")[0];
        var lines = day.GetProperty("lines").GetInt64();
        var compaction = day.GetProperty("compaction_seconds").GetDouble();
        var versions = day.GetProperty("version_pass_seconds").GetDouble();
        var note = string.Create(CultureInfo.InvariantCulture,
            $"versions pass {versions:0.0} s, compaction {compaction:0.0} s ({100 * compaction / seconds:0}% of the run), {day.GetProperty("committed_rows").GetInt64():N0} rows committed");
        return new Measure(name, lines, bytes, seconds, json.RootElement.GetProperty("peak_rss_bytes").GetInt64(), note, compaction);
    }

    private static async Task<Measure> PeerAsync(string name, string mode, DataSetSpec set, long bytes, string outDir, CancellationToken ct)
    {
        Directory.CreateDirectory(outDir);
        var (output, seconds) = await ChildAsync(["bench-peer", "--mode", mode, "--source", set.Day, "--out", Path.Combine(outDir, mode + ".parquet")], ct);
        using var json = JsonDocument.Parse(output);
        return new Measure(name, set.Records, bytes, seconds, json.RootElement.GetProperty("peak_rss_bytes").GetInt64(),
            $"{json.RootElement.GetProperty("rows").GetInt64():N0} rows");
    }

    /// <summary>Listing and planning a day of many files: what the coordinator does before the first item goes out.</summary>
    private static async Task<Measure> DiscoveryAsync(string root, int files, Action<string> log, CancellationToken ct)
    {
        var day = Path.Combine(root, "2020", "01", "01");
        var marker = Path.Combine(root, $".complete-{files}");
        if (!File.Exists(marker))
        {
            log($"writing {files:N0} small files under {day}");
            Directory.CreateDirectory(day);
            for (var i = 0; i < files; i++) File.WriteAllText(Path.Combine(day, $"f-{i:D6}.jsonl"), $"{{\"id\":\"{i}\"}}\n");
            File.WriteAllText(marker, "");
        }
        var watch = Stopwatch.StartNew();
        var store = new LocalObjectStore(root);
        var found = await DayPlanner.DiscoverAsync(store, new DateOnly(2020, 1, 1), ct);
        var (plan, items) = DayPlanner.Plan("jobs", "2020-01-01", "bench", found, null, 64L << 20, 1000);
        var planJson = JsonSerializer.SerializeToUtf8Bytes(plan, Catalog.CatalogStore.Json);
        watch.Stop();
        return new Measure($"discover + plan {files:N0} files", found.Count, 0, watch.Elapsed.TotalSeconds, ProcessMemory.PeakResidentBytes(),
            $"{items.Count} items, plan {Sizes.Human(planJson.Length)}");
    }

    private static async Task<(string Output, double Seconds)> ChildAsync(string[] args, CancellationToken ct)
    {
        var self = typeof(Program).Assembly.Location;
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(psi.FileName) == "dotnet") psi.ArgumentList.Add(self);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"akkaetl {string.Join(' ', args)} exited with {process.ExitCode}");
        return (output, watch.Elapsed.TotalSeconds);
    }

    private static void Report(Results r, bool json)
    {
        var measures = r.All.ToList();
        var targets = new List<(string Target, string Value, bool? Met)>();
        if (r is { Standard: { } std, Features: { } features })
            targets.Add(("1a. run ≥ 2× DuckDB feature subset (records/s)", Ratio(std, features), std.RecordsPerSecond >= 2 * features.RecordsPerSecond));
        if (r is { Standard: { } std1, Plain: { } plain })
            targets.Add(("1b. run ≥ 0.6× DuckDB plain conversion (stretch 1×)", Ratio(std1, plain), std1.RecordsPerSecond >= 0.6 * plain.RecordsPerSecond));
        if (r.Standard is { } std2)
            targets.Add(("2a. peak RSS ≤ 1 GiB", Sizes.Human(std2.PeakRss), std2.PeakRss <= Sizes.GiB));
        if (r is { Standard: { } std3, Large: { } large })
        {
            var growth = (double)large.PeakRss / std3.PeakRss - 1;
            targets.Add(("2b. peak RSS of the large day within 15% of the standard day", string.Create(CultureInfo.InvariantCulture, $"{growth:+0%;-0%}"), growth <= 0.15));
        }
        if (r is { Standard: { } std4, SmallFiles: { } small })
            targets.Add(("3a. many small files ≥ 70% of the throughput of 200 files", Ratio(small, std4), small.RecordsPerSecond >= 0.7 * std4.RecordsPerSecond));
        if (r.Discovery is { } discovery)
            targets.Add(("3b. discovering and scheduling 50,000 files < 10 s", string.Create(CultureInfo.InvariantCulture, $"{discovery.Seconds:0.00} s"), discovery.Seconds < 10));
        if (r.Standard is { CompactionSeconds: { } compaction } std5)
        {
            var share = 100 * compaction / std5.Seconds;
            targets.Add(("4. compaction ≤ 15% of the run", string.Create(CultureInfo.InvariantCulture, $"{share:0}%"), share <= 15));
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
                measures = measures.Select(m => new { m.Name, m.Records, m.Bytes, m.Seconds, records_per_second = m.RecordsPerSecond, mb_per_second = m.MegabytesPerSecond, peak_rss_bytes = m.PeakRss, m.Note }),
                targets = targets.Select(t => new { t.Target, t.Value, met = t.Met }),
            }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("what", "records", "seconds", "records/s", "MB/s", "peak RSS", "note");
        foreach (var m in measures)
            table.AddRow(Markup.Escape(m.Name), m.Records.ToString("N0", CultureInfo.InvariantCulture), m.Seconds.ToString("0.0", CultureInfo.InvariantCulture),
                m.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture), m.MegabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                Sizes.Human(m.PeakRss), Markup.Escape(m.Note));
        Terminal.Out.Write(table);
        var t2 = new Table().Border(TableBorder.Simple).AddColumns("target", "measured", "met");
        foreach (var (target, value, met) in targets)
            t2.AddRow(Markup.Escape(target), value, met switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "" });
        Terminal.Out.Write(t2);
        Terminal.Out.MarkupLine($"[grey]{Environment.ProcessorCount} cores, {Markup.Escape(System.Runtime.InteropServices.RuntimeInformation.OSDescription)}[/]");
    }

    private static string Ratio(Measure a, Measure b) =>
        b.RecordsPerSecond > 0 ? (a.RecordsPerSecond / b.RecordsPerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "?";
}
