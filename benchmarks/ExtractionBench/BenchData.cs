using AkkaEtl.Generation;

namespace AkkaEtl.Benchmarks.Extraction;

/// <summary>Generated postings, loaded as raw lines (generated once per size into the temp folder and reused).</summary>
public sealed class BenchData
{
    public const int Seed = 7;
    public static readonly DateOnly Day = new(2024, 5, 1);

    private BenchData(List<byte[]> lines)
    {
        Lines = lines;
        Bytes = lines.Sum(l => (long)l.Length);
    }

    public List<byte[]> Lines { get; }
    public long Bytes { get; }

    public static BenchData Load(int records)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"akkaetl-extraction-bench-{Seed}-{records}");
        if (!Directory.Exists(dir) || Directory.GetFiles(dir, "*.jsonl", SearchOption.AllDirectories).Length == 0)
        {
            const int files = 4;
            PostingGenerator.Generate(new GeneratorOptions(dir, Day, Day, files, (records + files - 1) / files, Seed) { GzipFraction = 0 });
        }
        var lines = new List<byte[]>();
        foreach (var file in Directory.GetFiles(dir, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var content = File.ReadAllBytes(file);
            var start = 0;
            for (var i = 0; i < content.Length; i++)
            {
                if (content[i] != (byte)'\n') continue;
                lines.Add(content[start..i]);
                start = i + 1;
            }
            if (start < content.Length) lines.Add(content[start..]);
        }
        return new BenchData(lines);
    }
}
