using AkkaEtl.Features;

namespace AkkaEtl.Parquet.Reading;

/// <summary>Numbers and timestamps, required or optional, into a <see cref="ValueColumn{T}"/>.</summary>
internal sealed class ScalarColumnDecoder<TStored, T, TConverter> : ColumnDecoder
    where TStored : unmanaged where T : struct where TConverter : IValueConverter<TStored, T>
{
    private readonly FixedValues<TStored> _values = new();
    private ValueColumn<T> _target = null!;
    private int _row;

    protected override void Start(ColumnBuffer target)
    {
        _target = (ValueColumn<T>)target;
        _row = 0;
        _values.Reset();
    }

    public override void ReadDictionary(ColumnChunkReader page) => _values.LoadDictionary(page);

    public override void ReadData(ColumnChunkReader page)
    {
        var count = page.Page.ValueCount;
        if (count > Rows - _row) throw TooManyRows(Rows);
        var values = _values.Read(page, Present(page));
        var keep = Keep.IsEmpty ? default : Keep.Slice(_row, count);
        var target = _target;
        if (page.MaxDefinition == 0)
        {
            for (var i = 0; i < count; i++)
                if (keep.IsEmpty || keep[i]) target.Add(TConverter.Convert(values[i]));
        }
        else
        {
            var definitions = page.Definitions;
            var max = page.MaxDefinition;
            var v = 0;
            for (var i = 0; i < count; i++)
            {
                var present = definitions[i] == max;
                if (keep.IsEmpty || keep[i]) target.Add(present ? TConverter.Convert(values[v]) : null);
                if (present) v++;
            }
        }
        _row += count;
    }

    public override void End()
    {
        if (_row != Rows) throw new InvalidDataException($"the column chunk has {_row} values for {Rows} rows");
    }
}

/// <summary>BOOLEAN columns: PLAIN is a bit per non-null value, least significant first, restarting with each page.</summary>
internal sealed class BooleanColumnDecoder : ColumnDecoder
{
    private ValueColumn<bool> _target = null!;
    private int _row;

    protected override void Start(ColumnBuffer target)
    {
        _target = (ValueColumn<bool>)target;
        _row = 0;
    }

    public override void ReadDictionary(ColumnChunkReader page) => throw new UnsupportedParquetException("a dictionary of booleans");

    public override void ReadData(ColumnChunkReader page)
    {
        if (page.Page.Encoding != global::Parquet.Meta.Encoding.PLAIN) throw new UnsupportedParquetException($"booleans in {page.Page.Encoding}");
        var count = page.Page.ValueCount;
        if (count > Rows - _row) throw TooManyRows(Rows);
        var present = Present(page);
        var bits = page.Values;
        if (bits.Length < (present + 7) / 8) throw new InvalidDataException($"a page with {bits.Length} bytes for {present} booleans");
        var keep = Keep.IsEmpty ? default : Keep.Slice(_row, count);
        var definitions = page.Definitions;
        var max = page.MaxDefinition;
        var v = 0;
        for (var i = 0; i < count; i++)
        {
            var has = max == 0 || definitions[i] == max;
            if (keep.IsEmpty || keep[i]) _target.Add(has ? ((bits[v >> 3] >> (v & 7)) & 1) != 0 : null);
            if (has) v++;
        }
        _row += count;
    }

    public override void End()
    {
        if (_row != Rows) throw new InvalidDataException($"the column chunk has {_row} values for {Rows} rows");
    }
}
