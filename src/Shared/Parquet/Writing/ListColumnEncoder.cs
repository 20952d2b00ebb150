using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AkkaEtl.Features;
using Parquet.Meta;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// A three-level LIST of required numbers (<see cref="ListColumn{T}"/>): repetition 0 starts a row's list and 1
/// continues it; definition 2 is an element, 1 an empty list. Levels are fed as runs (two or three per row), and a
/// page's elements are one copy of the flat element array.
/// </summary>
internal sealed class ListColumnEncoder<T>(global::Parquet.Meta.Type physicalType) : ColumnEncoder(2, 1) where T : unmanaged, INumber<T>
{
    private ListColumn<T> _column = null!;
    private int _rows;
    private int _nextRow;
    private int _nextElement;
    private ValueRange<T> _range;

    public override global::Parquet.Meta.Type PhysicalType => physicalType;

    protected override void Start(ColumnBuffer column, int rows)
    {
        _column = (ListColumn<T>)column;
        _rows = rows;
        _nextRow = 0;
        _nextElement = 0;
        _range.Reset();
    }

    public override bool EncodePage(PooledBuffer body, int pageBytes, out int levelCount)
    {
        levelCount = 0;
        if (_nextRow >= _rows) return false;
        var lengths = _column.Lengths.Span;
        var budget = Math.Max(1, pageBytes / Unsafe.SizeOf<T>());
        var end = _nextRow;
        var elements = 0;
        var empty = 0;
        // Whole rows, at least one.
        do
        {
            var n = lengths[end++];
            elements += n;
            if (n == 0) empty++;
        } while (end < _rows && elements + lengths[end] <= budget);
        var rows = lengths[_nextRow..end];

        var repetition = BeginLevels(body, 1, out var at);
        foreach (var n in rows)
        {
            repetition.AddRun(0, 1);
            repetition.AddRun(1, n - 1);
        }
        EndLevels(body, repetition, at);
        var definition = BeginLevels(body, 2, out at);
        foreach (var n in rows)
        {
            if (n == 0) definition.AddRun(1, 1);
            else definition.AddRun(2, n);
        }
        EndLevels(body, definition, at);

        var values = _column.Elements.Span.Slice(_nextElement, elements);
        body.Write(MemoryMarshal.AsBytes(values));
        _range.AddAll(values);

        NullCount += empty;
        levelCount = elements + empty;
        _nextRow = end;
        _nextElement += elements;
        return true;
    }

    public override Statistics Statistics() => Bounds(NullCount, _range.Encode(), legacy: true);
}
