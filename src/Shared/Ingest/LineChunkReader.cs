using System.Buffers;
using System.Runtime.CompilerServices;

namespace AkkaEtl.Ingest;

public sealed record LineReaderOptions
{
    /// <summary>Bytes read per chunk; a longer line grows the buffer, up to the line limit.</summary>
    public int ChunkBytes { get; init; } = 1 << 20;
    public int MaxLinesPerChunk { get; init; } = 2048;
    /// <summary>Lines longer than this are rejected, not buffered.</summary>
    public int LineLimit { get; init; } = 16 << 20;
    /// <summary>How much of a too-long line is kept for its reject record.</summary>
    public int TooLongPrefix { get; init; } = 4096;
}

/// <summary>What a reader saw in one file, beyond its lines.</summary>
public sealed class ReadCounters
{
    public long Lines;
    public long BlankLines;
    public long Bytes;
}

/// <summary>
/// Splits a byte stream into lines, chunk by chunk: LF or CRLF endings, a UTF-8 BOM, no final newline, lines over
/// the limit skipped (without buffering them) and marked. Blank lines are counted but not emitted. Memory stays
/// within one chunk plus, at most, one line of the limit.
/// </summary>
public static class LineChunkReader
{
    public static async IAsyncEnumerable<LineChunk> ReadAsync(Stream stream, int fileIndex, LineReaderOptions options,
        ReadCounters counters, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var pool = ArrayPool<byte>.Shared;
        var maxBuffer = options.LineLimit + 2; // room for the longest allowed line and its CRLF
        var buf = pool.Rent(Math.Min(options.ChunkBytes, maxBuffer));
        var filled = 0;
        var eof = false;
        var atStart = true;
        var skippingLongLine = false;
        long lineNo = 0;
        try
        {
            while (true)
            {
                while (filled < buf.Length && !eof)
                {
                    var n = await stream.ReadAsync(buf.AsMemory(filled), ct).ConfigureAwait(false);
                    if (n == 0) eof = true;
                    else
                    {
                        filled += n;
                        counters.Bytes += n;
                    }
                }
                var pos = 0;
                if (atStart)
                {
                    atStart = false;
                    if (filled >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) pos = 3;
                }
                if (skippingLongLine)
                {
                    var nl = buf.AsSpan(0, filled).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        filled = 0;
                        if (eof) yield break;
                        continue;
                    }
                    skippingLongLine = false;
                    pos = nl + 1;
                }

                LineChunk? chunk = null;
                while (pos < filled)
                {
                    var nl = buf.AsSpan(pos, filled - pos).IndexOf((byte)'\n');
                    if (nl < 0 && !eof) break; // a partial line: carried into the next buffer
                    var end = nl < 0 ? filled : pos + nl;
                    var len = end - pos;
                    if (len > 0 && buf[end - 1] == (byte)'\r') len--;
                    lineNo++;
                    if (IsBlank(buf.AsSpan(pos, len)))
                    {
                        counters.BlankLines++;
                    }
                    else if (len > options.LineLimit)
                    {
                        // Only possible for the last line of a file that fits the buffer exactly.
                        chunk ??= new LineChunk(fileIndex, buf, options.MaxLinesPerChunk);
                        chunk.Add(pos, Math.Min(len, options.TooLongPrefix), lineNo, LineFlag.TooLong);
                        counters.Lines++;
                    }
                    else
                    {
                        chunk ??= new LineChunk(fileIndex, buf, options.MaxLinesPerChunk);
                        chunk.Add(pos, len, lineNo, LineFlag.None);
                        counters.Lines++;
                    }
                    pos = nl < 0 ? filled : end + 1;
                    if (chunk is { IsFull: true }) break;
                }

                var carry = filled - pos;
                if (chunk is null && carry == buf.Length)
                {
                    // One line fills the whole buffer.
                    if (buf.Length >= maxBuffer)
                    {
                        // Over the limit: keep its beginning for the reject record and skip the rest as it streams by.
                        var tooLong = pool.Rent(options.TooLongPrefix);
                        buf.AsSpan(0, options.TooLongPrefix).CopyTo(tooLong);
                        var c = new LineChunk(fileIndex, tooLong, 1);
                        c.Add(0, options.TooLongPrefix, ++lineNo, LineFlag.TooLong);
                        c.ByteCount = buf.Length;
                        counters.Lines++;
                        skippingLongLine = true;
                        filled = 0;
                        yield return c;
                        continue;
                    }
                    var bigger = pool.Rent(Math.Min(buf.Length * 2, maxBuffer));
                    buf.AsSpan(0, filled).CopyTo(bigger);
                    pool.Return(buf);
                    buf = bigger;
                    continue;
                }

                var next = pool.Rent(Math.Min(Math.Max(options.ChunkBytes, carry * 2), maxBuffer));
                buf.AsSpan(pos, carry).CopyTo(next);
                if (chunk is not null)
                {
                    chunk.ByteCount = pos;
                    var done = chunk;
                    buf = next;
                    filled = carry;
                    yield return done;
                }
                else
                {
                    pool.Return(buf);
                    buf = next;
                    filled = carry;
                }
                if (eof && filled == 0) yield break;
            }
        }
        finally
        {
            // The current buffer is ours unless a chunk still holds it; chunks hand theirs back on dispose.
            pool.Return(buf);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0;
}
