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

public sealed class StringColumn : ColumnBuffer
{
    public ValueBuffer<string?> Values { get; } = new(256);
    public override int Count => Values.Count;

    public void Add(string? value)
    {
        Values.Add(value);
        EstimatedBytes += 8 + (value?.Length ?? 0);
    }

    public void SetLast(string? value)
    {
        ref var slot = ref Values[Values.Count - 1];
        EstimatedBytes += (value?.Length ?? 0) - (slot?.Length ?? 0);
        slot = value;
    }

    public override void AddNull() => Add(null);
    public override bool IsNull(int row) => Values[row] is null;

    public override void Truncate(int count)
    {
        for (var i = count; i < Values.Count; i++) EstimatedBytes -= 8 + (Values[i]?.Length ?? 0);
        Values.Truncate(count);
    }

    public override void AppendFrom(ColumnBuffer other)
    {
        var o = (StringColumn)other;
        Values.AddRange(o.Values.Span);
        EstimatedBytes += o.EstimatedBytes;
    }

    public override void AppendRange(ColumnBuffer other, int start, int count)
    {
        foreach (var v in ((StringColumn)other).Values.Span.Slice(start, count)) Add(v);
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
        for (var i = start; i < start + count; i++)
        {
            Add(o.Elements.Span.Slice(offset, lengths[i]));
            offset += lengths[i];
        }
    }
}
