using AkkaEtl.Common;
using AkkaEtl.Features;

namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// Three-level lists of required numbers into a <see cref="ListColumn{T}"/>, rows found by repetition level 0. A
/// level at the maximum definition is an element; below it an empty or null list, both stored as empty. A row may
/// continue on the next page (data pages v1 allow it): its first elements wait in a small buffer.
/// </summary>
internal sealed class ListColumnDecoder<T> : ColumnDecoder where T : unmanaged
{
    private readonly FixedValues<T> _values = new();
    private readonly ValueBuffer<T> _pending = new(64);
    private ListColumn<T> _target = null!;
    private int _row;

    protected override void Start(ColumnBuffer target)
    {
        _target = (ListColumn<T>)target;
        _row = -1;
        _pending.Clear();
        _values.Reset();
    }

    public override void ReadDictionary(ColumnChunkReader page) => _values.LoadDictionary(page);

    public override void ReadData(ColumnChunkReader page)
    {
        var count = page.Page.ValueCount;
        var repetitions = page.Repetitions;
        var definitions = page.Definitions;
        if (repetitions.IsEmpty || definitions.IsEmpty) throw new InvalidDataException("a list column without levels");
        var max = page.MaxDefinition;
        var values = _values.Read(page, Present(page));
        var keep = Keep;
        var start = 0;
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (repetitions[i] == 0)
            {
                if (_row >= 0) Flush(values[start..next], keep);
                if (++_row >= Rows) throw TooManyRows(Rows);
                start = next;
            }
            else if (_row < 0)
            {
                throw new InvalidDataException("a list column chunk starts inside a list");
            }
            if (definitions[i] == max) next++;
        }
        if (_row >= 0 && next > start) _pending.AddRange(values[start..next]);
    }

    private void Flush(ReadOnlySpan<T> tail, ReadOnlySpan<bool> keep)
    {
        if (keep.IsEmpty || keep[_row])
        {
            if (_pending.Count == 0)
            {
                _target.Add(tail);
            }
            else
            {
                _pending.AddRange(tail);
                _target.Add(_pending.Span);
            }
        }
        _pending.Clear();
    }

    public override void End()
    {
        if (_row >= 0) Flush(default, Keep);
        if (_row + 1 != Rows) throw new InvalidDataException($"the column chunk has {_row + 1} lists for {Rows} rows");
    }
}
