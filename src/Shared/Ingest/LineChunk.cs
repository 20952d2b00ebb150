using System.Buffers;

namespace AkkaEtl.Ingest;

/// <summary>
/// A run of whole lines of one source file, held in one pooled buffer: the unit that flows from the reader to the
/// feature extractors. Disposing returns the buffer to the pool.
/// </summary>
public sealed class LineChunk : IDisposable
{
    private byte[]? _buffer;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly long[] _lineNumbers;
    private readonly LineFlag[] _flags;

    internal LineChunk(int fileIndex, byte[] buffer, int capacity)
    {
        FileIndex = fileIndex;
        _buffer = buffer;
        _starts = new int[capacity];
        _lengths = new int[capacity];
        _lineNumbers = new long[capacity];
        _flags = new LineFlag[capacity];
    }

    /// <summary>Index of the file within its work item.</summary>
    public int FileIndex { get; }
    public int Count { get; private set; }
    public long ByteCount { get; internal set; }

    public ReadOnlySpan<byte> Line(int i) => _buffer.AsSpan(_starts[i], _lengths[i]);
    public ReadOnlyMemory<byte> LineMemory(int i) => _buffer.AsMemory(_starts[i], _lengths[i]);
    public long LineNumber(int i) => _lineNumbers[i];
    public LineFlag Flag(int i) => _flags[i];

    internal bool IsFull => Count == _starts.Length;

    internal void Add(int start, int length, long lineNumber, LineFlag flag)
    {
        _starts[Count] = start;
        _lengths[Count] = length;
        _lineNumbers[Count] = lineNumber;
        _flags[Count] = flag;
        Count++;
    }

    public void Dispose()
    {
        var b = Interlocked.Exchange(ref _buffer, null);
        if (b is not null) ArrayPool<byte>.Shared.Return(b);
    }
}

public enum LineFlag : byte
{
    None = 0,
    /// <summary>The line was longer than the limit: only its beginning is kept, for the reject record.</summary>
    TooLong = 1,
}
