using System.IO.Compression;
using AkkaEtl.Generation;

namespace AkkaEtl.Tests.Support;

/// <summary>Counts what is in raw day folders, independently of the pipeline.</summary>
public static class RawData
{
    /// <summary>Non-blank lines per day folder (YYYY-MM-DD), reading .gz files decompressed.</summary>
    public static Dictionary<string, long> LinesPerDay(string root)
    {
        var result = new Dictionary<string, long>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (rel.Length < 4) continue;
            var day = $"{rel[0]}-{rel[1]}-{rel[2]}";
            using var stream = File.OpenRead(file);
            using Stream s = file.EndsWith(".gz") ? new GZipStream(stream, CompressionMode.Decompress) : stream;
            long n = 0;
            // Count non-blank lines on bytes: lines may hold invalid UTF-8.
            var buf = new byte[1 << 16];
            var blank = true;
            int read;
            while ((read = s.Read(buf)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buf[i];
                    if (b == (byte)'\n')
                    {
                        if (!blank) n++;
                        blank = true;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) blank = false;
                }
            }
            if (!blank) n++;
            result[day] = result.GetValueOrDefault(day) + n;
        }
        return result;
    }

    /// <summary>
    /// The lines (bytes, as they may hold invalid UTF-8) of one generated file of <paramref name="records"/> postings
    /// for <paramref name="day"/>, 2% malformed, none gzipped: the same bytes for the same seed.
    /// </summary>
    public static List<byte[]> GeneratedLines(DateOnly day, int records, int seed)
    {
        var dir = Directory.CreateTempSubdirectory("akkaetl-generated-");
        try
        {
            PostingGenerator.Generate(new GeneratorOptions(dir.FullName, day, day, FilesPerDay: 1, RecordsPerFile: records, Seed: seed)
            {
                GzipFraction = 0,
                MalformedFraction = 0.02,
                MaxDegreeOfParallelism = 1,
            });
            return SplitLines(File.ReadAllBytes(Directory.GetFiles(dir.FullName, "*.jsonl", SearchOption.AllDirectories).Single()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A file's lines as bytes: LF or CRLF, no final empty line.</summary>
    public static List<byte[]> SplitLines(byte[] content)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i < content.Length && content[i] != (byte)'\n') continue;
            if (i == content.Length && start == content.Length) break;
            var end = i > start && content[i - 1] == (byte)'\r' ? i - 1 : i;
            lines.Add(content[start..end]);
            start = i + 1;
        }
        return lines;
    }
}
