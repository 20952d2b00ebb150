using AkkaEtl.Features;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// A column of one value or null per row (<see cref="ValueColumn{T}"/>): definition levels when optional, then the
/// page's non-null values, written by the subclass.
/// </summary>
internal abstract class ScalarColumnEncoder<T>(bool required, int width) : ColumnEncoder(required ? 0 : 1, 0) where T : struct
{
    private ValueColumn<T> _column = null!;
    private int _rows;
    private int _next;

    protected override void Start(ColumnBuffer column, int rows)
    {
        _column = (ValueColumn<T>)column;
        _rows = rows;
        _next = 0;
        ResetBounds();
    }

    public override bool EncodePage(PooledBuffer body, int pageBytes, out int levelCount)
    {
        levelCount = 0;
        if (_next >= _rows) return false;
        var end = (int)Math.Min(_rows, _next + Math.Max(1L, pageBytes / width));
        var values = _column.Values.Span[_next..end];
        var nulls = 0;
        if (MaxDefinitionLevel > 0)
        {
            var levels = BeginLevels(body, 1, out var lengthAt);
            foreach (ref readonly var v in values)
            {
                var present = v.HasValue ? 1 : 0;
                levels.Add(present);
                nulls += 1 - present;
            }
            EndLevels(body, levels, lengthAt);
        }
        else
        {
            foreach (ref readonly var v in values)
                if (!v.HasValue) throw new InvalidOperationException("a required column holds a null");
        }
        WriteValues(values, values.Length - nulls, body);
        NullCount += nulls;
        levelCount = values.Length;
        _next = end;
        return true;
    }

    protected abstract void ResetBounds();

    /// <summary>Appends the PLAIN encoding of the <paramref name="count"/> non-null values among <paramref name="values"/>.</summary>
    protected abstract void WriteValues(ReadOnlySpan<T?> values, int count, PooledBuffer body);
}
