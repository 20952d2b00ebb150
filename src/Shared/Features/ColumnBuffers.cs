using AkkaEtl.Common;

namespace AkkaEtl.Features;

/// <summary>The values of one column for the rows of a batch.</summary>
public abstract class ColumnBuffer
{
    public abstract int Count { get; }
    /// <summary>Rough in-memory size of the values, used to bound row groups.</summary>
    public long EstimatedBytes { get; protected set; }
    public abstract void AddNull();
    public abstract void Truncate(int count);
    public abstract void AppendFrom(ColumnBuffer other);
    /// <summary>Appends rows [start, start + count) of <paramref name="other"/>.</summary>
    public abstract void AppendRange(ColumnBuffer other, int start, int count);
    public abstract bool IsNull(int row);

    public static ColumnBuffer For(ColumnSpec spec) => spec.Type switch
    {
        ColumnType.String => new StringColumn(),
        ColumnType.Int32 => new ValueColumn<int>(4),
        ColumnType.Int64 => new ValueColumn<long>(8),
        ColumnType.Float => new ValueColumn<float>(4),
        ColumnType.Double => new ValueColumn<double>(8),
        ColumnType.Boolean => new ValueColumn<bool>(1),
        ColumnType.Timestamp => new ValueColumn<DateTime>(8),
        ColumnType.Int32List => new ListColumn<int>(4),
        ColumnType.FloatList => new ListColumn<float>(4),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };
}

/// <summary>
/// Text values kept in one char arena with an offset and length per row (a null has length -1): a row group of
/// descriptions is two arrays, not a string object per row, so the garbage collector never has to trace it.
/// </summary>
public sealed class StringColumn : ColumnBuffer
{
    private readonly ValueBuffer<char> _chars = new(4096);
    private readonly ValueBuffer<int> _starts = new(256);
    private readonly ValueBuffer<int> _lengths = new(256);

    public override int Count => _lengths.Count;

    /// <summary>The value of a row, as a new string (for display and tests; the pipeline uses <see cref="Span"/>).</summary>
    public string? this[int row] => IsNull(row) ? null : new string(Span(row));

    public ReadOnlySpan<char> Span(int row) => _lengths[row] < 0 ? default : _chars.Span.Slice(_starts[row], _lengths[row]);

    public override bool IsNull(int row) => _lengths[row] < 0;

    public void Add(string? value)
    {
        if (value is null) AddNull();
        else Add(value.AsSpan());
    }

    public void Add(ReadOnlySpan<char> value)
    {
        _starts.Add(_chars.Count);
        _lengths.Add(value.Length);
        _chars.AddRange(value);
        EstimatedBytes += 8 + 2L * value.Length;
    }

    /// <summary>
    /// Transcodes UTF-8 (a Parquet value) straight into the arena, invalid bytes as U+FFFD like
    /// <see cref="System.Text.Encoding.UTF8"/>: no string per value.
    /// </summary>
    public void AddUtf8(ReadOnlySpan<byte> utf8)
    {
        var start = _chars.Count;
        // UTF-16 never takes more chars than UTF-8 takes bytes.
        var target = _chars.AppendSpan(utf8.Length);
        System.Text.Unicode.Utf8.ToUtf16(utf8, target, out _, out var written, replaceInvalidSequences: true);
        _chars.Truncate(start + written);
        _starts.Add(start);
        _lengths.Add(written);
        EstimatedBytes += 8 + 2L * written;
    }

    public override void AddNull()
    {
        _starts.Add(_chars.Count);
        _lengths.Add(-1);
        EstimatedBytes += 8;
    }

    public void SetLast(string? value)
    {
        Truncate(Count - 1);
        Add(value);
    }

    public void SetLast(ReadOnlySpan<char> value)
    {
        Truncate(Count - 1);
        Add(value);
    }

    public override void Truncate(int count)
    {
        if (count == Count) return;
        var charCount = count == 0 ? 0 : _starts[count];
        EstimatedBytes -= 8L * (Count - count) + 2L * (_chars.Count - charCount);
        _chars.Truncate(charCount);
        _starts.Truncate(count);
        _lengths.Truncate(count);
    }

    public override void AppendFrom(ColumnBuffer other) => AppendRange(other, 0, other.Count);

    public override void AppendRange(ColumnBuffer other, int start, int count)
    {
        if (count == 0) return;
        var o = (StringColumn)other;
        // One copy of the characters, then the row offsets shifted to where they landed.
        var from = o._starts[start];
        var to = start + count == o.Count ? o._chars.Count : o._starts[start + count];
        var shift = _chars.Count - from;
        _chars.AddRange(o._chars.Span[from..to]);
        var starts = _starts.AppendSpan(count);
        o._starts.Span.Slice(start, count).CopyTo(starts);
        foreach (ref var s in starts) s += shift;
        _lengths.AddRange(o._lengths.Span.Slice(start, count));
        EstimatedBytes += 8L * count + 2L * (to - from);
    }

    /// <summary>Views of the values for Parquet.Net's writer: slices of the arena, no copies.</summary>
    public void FillMemories(Span<ReadOnlyMemory<char>?> target)
    {
        var chars = _chars.RawArray;
        for (var r = 0; r < Count; r++)
        {
            // Not a conditional expression: "c ? null : memory" converts null to an empty memory, losing the null.
            if (_lengths[r] < 0) target[r] = null;
            else target[r] = chars.AsMemory(_starts[r], _lengths[r]);
        }
    }

    public string?[] ToArray()
    {
        var values = new string?[Count];
        for (var r = 0; r < values.Length; r++) values[r] = this[r];
        return values;
    }
}

public sealed class ValueColumn<T>(int width) : ColumnBuffer where T : struct
{
    public ValueBuffer<T?> Values { get; } = new(256);
    public override int Count => Values.Count;

    public void Add(T? value)
    {
        Values.Add(value);
        EstimatedBytes += width;
    }

    public void SetLast(T? value) => Values[Values.Count - 1] = value;
    public override void AddNull() => Add(null);
    public override bool IsNull(int row) => !Values[row].HasValue;

    public override void Truncate(int count)
    {
        EstimatedBytes -= (long)(Values.Count - count) * width;
        Values.Truncate(count);
    }

    public override void AppendFrom(ColumnBuffer other)
    {
        var o = (ValueColumn<T>)other;
        Values.AddRange(o.Values.Span);
        EstimatedBytes += o.EstimatedBytes;
    }

    public override void AppendRange(ColumnBuffer other, int start, int count)
    {
        Values.AddRange(((ValueColumn<T>)other).Values.Span.Slice(start, count));
        EstimatedBytes += (long)count * width;
    }
}

/// <summary>A list per row, stored flat: all elements, and each row's length. Null lists are stored as empty.</summary>
public sealed class ListColumn<T>(int width) : ColumnBuffer where T : struct
{
    public ValueBuffer<T> Elements { get; } = new(1024);
    public ValueBuffer<int> Lengths { get; } = new(256);
    public override int Count => Lengths.Count;

    public void Add(ReadOnlySpan<T> values)
    {
        Elements.AddRange(values);
        Lengths.Add(values.Length);
        EstimatedBytes += 4 + (long)values.Length * (width + 2);
    }

    public void SetLast(ReadOnlySpan<T> values)
    {
        Truncate(Count - 1);
        Add(values);
    }

    public override void AddNull() => Add(ReadOnlySpan<T>.Empty);
    public override bool IsNull(int row) => false;

    public override void Truncate(int count)
    {
        var drop = 0;
        for (var i = count; i < Lengths.Count; i++) drop += Lengths[i];
        Elements.Truncate(Elements.Count - drop);
        EstimatedBytes -= (long)(Lengths.Count - count) * 4 + (long)drop * (width + 2);
        Lengths.Truncate(count);
    }

    public override void AppendFrom(ColumnBuffer other)
    {
        var o = (ListColumn<T>)other;
        Elements.AddRange(o.Elements.Span);
        Lengths.AddRange(o.Lengths.Span);
        EstimatedBytes += o.EstimatedBytes;
    }

    public override void AppendRange(ColumnBuffer other, int start, int count)
    {
        var o = (ListColumn<T>)other;
        var lengths = o.Lengths.Span;
        var offset = 0;
        for (var i = 0; i < start; i++) offset += lengths[i];
        var elements = 0;
        for (var i = start; i < start + count; i++) elements += lengths[i];
        Elements.AddRange(o.Elements.Span.Slice(offset, elements));
        Lengths.AddRange(lengths.Slice(start, count));
        EstimatedBytes += 4L * count + (long)elements * (width + 2);
    }
}
