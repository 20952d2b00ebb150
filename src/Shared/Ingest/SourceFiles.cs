using System.IO.Compression;
using AkkaEtl.Storage;

namespace AkkaEtl.Ingest;

/// <summary>Which objects of a day folder are raw input, and how to open them.</summary>
public static class SourceFiles
{
    private static readonly string[] Extensions = [".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz", ".gz"];

    public static bool IsSource(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        if (name.StartsWith('.') || name.StartsWith('_')) return false;
        return Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsGzip(string key) => key.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder of a day: YYYY/MM/DD/.</summary>
    public static string DayPrefix(DateOnly day) => $"{day:yyyy}/{day:MM}/{day:dd}/";

    /// <summary>A stream of the object's lines' bytes, decompressed when gzipped; read errors name the object.</summary>
    public static async Task<Stream> OpenAsync(IObjectStore store, string key, CancellationToken ct)
    {
        var raw = await store.OpenReadAsync(key, ct);
        return IsGzip(key) ? new VerifiedGzipStream(raw) : raw;
    }
}

/// <summary>A source object could not be read (missing, truncated, corrupt, or the store failed).</summary>
public sealed class SourceReadException(string location, string reason, Exception? inner = null)
    : IOException($"cannot read {location}: {reason}", inner)
{
    public string Location { get; } = location;
}
