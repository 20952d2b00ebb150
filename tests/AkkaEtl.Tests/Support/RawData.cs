using System.IO.Compression;

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
}
