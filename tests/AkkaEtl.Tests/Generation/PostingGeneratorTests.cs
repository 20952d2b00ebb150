using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using AkkaEtl.Generation;

namespace AkkaEtl.Tests.Generation;

public sealed class PostingGeneratorTests : IDisposable
{
    private readonly List<string> _directories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (string directory in _directories)
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private string TempDir()
    {
        string path = Path.Combine(Path.GetTempPath(), "akkaetl-gen-" + Guid.NewGuid().ToString("N"));
        _directories.Add(path);
        return path;
    }

    private GeneratorOptions Options(string dir, int seed = 7, int files = 3, int records = 400) =>
        new(dir, new DateOnly(2020, 1, 31), new DateOnly(2020, 2, 1), files, records, seed)
        {
            GzipFraction = 0.34,
            MalformedFraction = 0.01,
            UpdateFraction = 0.05,
        };

    [Fact]
    public void Same_options_give_byte_identical_files_whatever_the_parallelism()
    {
        string a = TempDir(), b = TempDir(), c = TempDir();
        PostingGenerator.Generate(Options(a) with { MaxDegreeOfParallelism = 1 }, ct: Ct);
        PostingGenerator.Generate(Options(b) with { MaxDegreeOfParallelism = 4 }, ct: Ct);
        PostingGenerator.Generate(Options(c, seed: 8), ct: Ct);

        string[] filesA = RelativeFiles(a), filesB = RelativeFiles(b);
        Assert.Equal(filesA, filesB);
        Assert.Contains(filesA, f => f.EndsWith(".jsonl.gz", StringComparison.Ordinal));
        foreach (string file in filesA)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))),
                "differs: " + file);
        }

        // another seed: other content (and other ids)
        string first = RelativeFiles(c).First(f => f.EndsWith(".jsonl", StringComparison.Ordinal));
        Assert.False(File.ReadAllBytes(Path.Combine(a, first)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(c, first))));
        Assert.Contains("\"j-8-20200131-", ReadText(Path.Combine(c, "2020", "01", "31"), 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_day_folder_layout_with_the_requested_counts()
    {
        string dir = TempDir();
        var options = new GeneratorOptions(dir, new DateOnly(2020, 1, 30), new DateOnly(2020, 2, 2), FilesPerDay: 3, RecordsPerFile: 50, Seed: 1)
        {
            GzipFraction = 0.34,
        };
        GenerationSummary summary = PostingGenerator.Generate(options, ct: Ct);

        Assert.Equal(4, summary.Days);
        Assert.Equal(12, summary.Files);
        Assert.Equal(600, summary.Records);
        string[] days = ["2020/01/30", "2020/01/31", "2020/02/01", "2020/02/02"];
        long bytes = 0;
        foreach (string day in days)
        {
            string folder = Path.Combine(dir, day.Replace('/', Path.DirectorySeparatorChar));
            string[] names = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
            Assert.Equal(3, names.Length);
            for (int i = 0; i < 3; i++)
            {
                string plain = $"part-{i:D5}.jsonl";
                Assert.True(names.Contains(plain) ^ names.Contains(plain + ".gz"), $"{day}: exactly one of {plain}[.gz]");
            }
            int gzipped = names.Count(n => n.EndsWith(".gz", StringComparison.Ordinal));
            Assert.InRange(gzipped, 1, 2); // 3 × 0.34, spread evenly
            foreach (string name in names)
            {
                bytes += new FileInfo(Path.Combine(folder, name)).Length;
                Assert.Equal(50, ReadLines(Path.Combine(folder, name)).Count);
            }
        }
        Assert.Equal(bytes, summary.Bytes);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(dir, "*", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public void Every_line_is_an_object_with_an_id_except_the_counted_malformed_ones()
    {
        string dir = TempDir();
        GeneratorOptions options = Options(dir, files: 2, records: 1000) with { MalformedFraction = 0.02 };
        GenerationSummary summary = PostingGenerator.Generate(options, ct: Ct);

        var reasons = new Dictionary<string, int>();
        long lines = 0, malformed = 0;
        foreach ((string _, byte[] line) in AllLines(dir))
        {
            lines++;
            string? reason = Reject(line);
            if (reason is null) continue;
            malformed++;
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }

        Assert.Equal(summary.Records, lines);
        Assert.Equal(summary.MalformedLines, malformed);
        double share = (double)malformed / lines;
        Assert.InRange(share, 0.02 * 0.6, 0.02 * 1.4);
        Assert.True(reasons.Count == 4, "all kinds of bad input: " + string.Join(", ", reasons.Select(r => r.Key + "=" + r.Value)));
    }

    [Fact]
    public void Reposts_reuse_an_id_of_the_same_day_with_a_later_updated_at_and_changed_values()
    {
        string dir = TempDir();
        GeneratorOptions options = Options(dir, files: 2, records: 1000) with { UpdateFraction = 0.1 };
        GenerationSummary summary = PostingGenerator.Generate(options, ct: Ct);

        int reposts = 0, changed = 0;
        foreach (string dayFolder in Directory.GetDirectories(dir, "*", SearchOption.AllDirectories).Where(d => Directory.GetFiles(d).Length > 0))
        {
            var first = new Dictionary<string, (DateTimeOffset? Updated, string Values)>();
            foreach ((string _, byte[] line) in AllLines(dayFolder))
            {
                if (Reject(line) is not null) continue;
                using JsonDocument doc = JsonDocument.Parse(line);
                JsonElement root = doc.RootElement;
                string id = root.GetProperty("id").ToString();
                DateTimeOffset? updated = Time(root, "updated_at") ?? Time(root, "posted_at");
                string values = Raw(root, "title") + "|" + Raw(root, "salary") + "|" + Raw(root, "employment_type");
                if (!first.TryGetValue(id, out var original))
                {
                    first[id] = (updated, values);
                    continue;
                }
                reposts++;
                if (values != original.Values) changed++;
                Assert.True(root.TryGetProperty("updated_at", out _), "a re-post has updated_at: " + id);
                if (original.Updated is { } before && Time(root, "updated_at") is { } after)
                {
                    Assert.True(after > before, $"{id}: {after:O} should be after {before:O}");
                }
            }
        }

        long expected = (long)(summary.Records * 0.1);
        Assert.InRange(reposts, expected / 2, expected * 3 / 2);
        Assert.True(changed >= reposts * 0.9, $"{changed} of {reposts} re-posts change the title, salary or employment type");
    }

    [Fact]
    public void Records_average_about_two_and_a_half_kilobytes()
    {
        string dir = TempDir();
        PostingGenerator.Generate(Options(dir, files: 2, records: 1000) with { GzipFraction = 0 }, ct: Ct);
        long bytes = 0, lines = 0;
        foreach ((string _, byte[] line) in AllLines(dir))
        {
            bytes += line.Length + 1;
            lines++;
        }
        double mean = (double)bytes / lines;
        Assert.InRange(mean, 2400, 2900);
    }

    [Fact]
    public void Reports_progress_in_batches_up_to_the_total()
    {
        string dir = TempDir();
        var reports = new List<long>();
        var progress = new SyncProgress(reports);
        GenerationSummary summary = PostingGenerator.Generate(Options(dir, files: 2, records: 2500), progress, ct: Ct);

        Assert.NotEmpty(reports);
        Assert.Equal(summary.Records, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1), (a, b) => a < b).All(increasing => increasing), "increasing");
        Assert.True(reports.Count <= summary.Records / 4096 + 2, "batched, not per record: " + reports.Count);
    }

    [Fact]
    public void Rejects_invalid_options()
    {
        string dir = TempDir();
        var day = new DateOnly(2020, 1, 1);
        Assert.ThrowsAny<ArgumentException>(() => PostingGenerator.Generate(new GeneratorOptions(dir, day, day.AddDays(-1), 1, 1, 1), ct: Ct));
        Assert.ThrowsAny<ArgumentException>(() => PostingGenerator.Generate(new GeneratorOptions(dir, day, day, -1, 1, 1), ct: Ct));
        Assert.ThrowsAny<ArgumentException>(() => PostingGenerator.Generate(new GeneratorOptions(dir, day, day, 1, 1, 1) { MalformedFraction = 1.5 }, ct: Ct));
    }

    [Fact]
    public void Stops_when_cancelled_and_leaves_no_temporary_files()
    {
        string dir = TempDir();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PostingGenerator.Generate(Options(dir), ct: new CancellationToken(canceled: true)));
        Assert.True(!Directory.Exists(dir) || Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories).Length == 0);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /// <summary>Why a line is bad input (as the extractor must see it), or null for a good posting.</summary>
    private static string? Reject(byte[] line)
    {
        // JsonDocument does not check the UTF-8 inside strings, so check it first
        if (!System.Text.Unicode.Utf8.IsValid(line)) return "invalid utf-8";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return "not json";
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return "not an object";
            if (!doc.RootElement.TryGetProperty("id", out JsonElement id)) return "no id";
            return id.ValueKind switch
            {
                JsonValueKind.String when id.GetString()!.Length > 0 => null,
                JsonValueKind.Number => null,
                _ => "no id",
            };
        }
    }

    private static DateTimeOffset? Time(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value)) return null;
        if (value.ValueKind == JsonValueKind.Number)
        {
            long n = value.GetInt64();
            return n > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(n) : DateTimeOffset.FromUnixTimeSeconds(n);
        }
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
        {
            // whole seconds: the Unix-seconds form drops milliseconds
            return DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());
        }
        return null;
    }

    private static string Raw(JsonElement root, string name) => root.TryGetProperty(name, out JsonElement v) ? v.GetRawText() : "";

    private static string[] RelativeFiles(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static IEnumerable<(string File, byte[] Line)> AllLines(string root)
    {
        foreach (string file in RelativeFiles(root))
        {
            foreach (byte[] line in ReadLines(Path.Combine(root, file))) yield return (file, line);
        }
    }

    private static string ReadText(string dayFolder, int fileIndex)
    {
        string plain = Path.Combine(dayFolder, $"part-{fileIndex:D5}.jsonl");
        string path = File.Exists(plain) ? plain : plain + ".gz";
        return System.Text.Encoding.UTF8.GetString(ReadLines(path).SelectMany(l => l.Append((byte)'\n')).ToArray());
    }

    private static List<byte[]> ReadLines(string path)
    {
        byte[] data;
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            data = memory.ToArray();
        }
        else
        {
            data = File.ReadAllBytes(path);
        }

        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != (byte)'\n') continue;
            lines.Add(data[start..i]);
            start = i + 1;
        }
        Assert.Equal(data.Length, start); // every line ends with \n, nothing after the last
        return lines;
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
