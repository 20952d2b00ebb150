using System.Text.Json;
using System.Text.Unicode;
using AkkaEtl.Ingest;

namespace AkkaEtl.Features;

/// <summary>The rows and rejects of one chunk of lines.</summary>
public sealed class ExtractedChunk(RowBatch rows, List<RejectRecord> rejects, int lines, long bytes)
{
    public RowBatch Rows { get; } = rows;
    public List<RejectRecord> Rejects { get; } = rejects;
    public int Lines { get; } = lines;
    public long Bytes { get; } = bytes;
}

/// <summary>
/// Runs an extractor over a chunk of lines: the same path for the pipeline and the <c>features</c> command. Lines
/// that are too long, not UTF-8, not JSON or not an object are rejected here, uniformly for every extractor; an
/// extractor that throws rejects that record only.
/// </summary>
public sealed class ChunkExtractor(IFeatureExtractor extractor, FeatureSchema schema, int lineLimit = 16 << 20)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 128 };

    public FeatureSchema Schema => schema;

    /// <summary>Extracts a chunk into <paramref name="rows"/> (a fresh batch by default; the pipeline passes a reused one).</summary>
    public ExtractedChunk Extract(LineChunk chunk, string sourceFile, DateOnly day, RowBatch? rows = null)
    {
        rows ??= new RowBatch(schema);
        var rejects = new List<RejectRecord>();
        for (var i = 0; i < chunk.Count; i++)
        {
            var line = chunk.Line(i);
            var lineNo = chunk.LineNumber(i);
            var reason = Process(chunk.LineMemory(i), chunk.Flag(i), lineNo, sourceFile, day, rows);
            if (reason is not null) rejects.Add(RejectRecord.Of(sourceFile, lineNo, reason, line));
        }
        return new ExtractedChunk(rows, rejects, chunk.Count, chunk.ByteCount);
    }

    /// <summary>Adds the line's row to <paramref name="rows"/>, or returns why it is rejected.</summary>
    public string? Process(ReadOnlyMemory<byte> line, LineFlag flag, long lineNo, string sourceFile, DateOnly day, RowBatch rows)
    {
        if (Parse(line, flag, out var doc) is { } reason) return reason;
        using (doc)
        {
            var root = doc!.RootElement;
            rows.BeginRow();
            try
            {
                extractor.Extract(new SourceRecord(root, line.Span, sourceFile, lineNo, day), rows);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                rows.Reject($"extractor failed: {e.GetType().Name}: {FirstSentence(e.Message)}");
            }
            if (rows.RejectReason is null)
            {
                rows.SetString(schema.SourceFileIndex, sourceFile);
                rows.SetInt64(schema.SourceLineIndex, lineNo);
            }
            return rows.EndRow() ? null : rows.RejectReason;
        }
    }

    /// <summary>
    /// The versions of a chunk's records into <paramref name="to"/> (<see cref="VersionEntry.Bytes"/> a record at
    /// most); returns the bytes written. Lines too long and records without a key have none; the reader decides how
    /// much of the rest it checks.
    /// </summary>
    public static int ReadVersions(LineChunk chunk, IRecordVersionReader reader, Span<byte> to)
    {
        var at = 0;
        for (var i = 0; i < chunk.Count; i++)
        {
            var line = chunk.Line(i);
            if (chunk.Flag(i) == LineFlag.TooLong) continue;
            RecordVersion version;
            try
            {
                if (!reader.TryReadVersion(line, out version)) continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                continue; // extraction will reject the record and say why
            }
            VersionEntry.Of(version, chunk.FileIndex, chunk.LineNumber(i)).Write(to[at..]);
            at += VersionEntry.Bytes;
        }
        return at;
    }

    /// <summary>The line as a JSON object, or why it is not one.</summary>
    private string? Parse(ReadOnlyMemory<byte> line, LineFlag flag, out JsonDocument? doc)
    {
        doc = null;
        if (flag == LineFlag.TooLong) return $"line longer than {lineLimit} bytes";
        if (!Utf8.IsValid(line.Span)) return "invalid UTF-8";
        try
        {
            doc = JsonDocument.Parse(line, JsonOptions);
        }
        catch (JsonException e)
        {
            return "not JSON: " + FirstSentence(e.Message);
        }
        if (doc.RootElement.ValueKind == JsonValueKind.Object) return null;
        var kind = doc.RootElement.ValueKind;
        doc.Dispose();
        doc = null;
        return $"not a JSON object ({kind.ToString().ToLowerInvariant()})";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
