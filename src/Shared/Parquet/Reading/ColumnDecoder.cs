using AkkaEtl.Features;

namespace AkkaEtl.Parquet.Reading;

/// <summary>
/// Turns the pages of one column chunk into values appended to a column buffer, keeping only the rows a mask keeps.
/// One decoder per column of a file, reused across row groups: <see cref="Begin"/>, a page at a time
/// (<see cref="ReadDictionary"/>, <see cref="ReadData"/>), then <see cref="End"/>, which checks the row count.
/// </summary>
internal abstract class ColumnDecoder
{
    private ReadOnlyMemory<bool> _keep;

    /// <summary>The row group's row count.</summary>
    protected int Rows { get; private set; }
    protected ReadOnlySpan<bool> Keep => _keep.Span;

    public void Begin(ColumnBuffer target, int rows, ReadOnlyMemory<bool>? keep)
    {
        Rows = rows;
        _keep = keep ?? default;
        Start(target);
    }

    protected abstract void Start(ColumnBuffer target);
    public abstract void ReadDictionary(ColumnChunkReader page);
    public abstract void ReadData(ColumnChunkReader page);
    public abstract void End();

    public static ColumnDecoder For(ColumnSpec spec) => spec.Type switch
    {
        ColumnType.String => new StringColumnDecoder(),
        ColumnType.Int32 => new ScalarColumnDecoder<int, int, Same<int>>(),
        ColumnType.Int64 => new ScalarColumnDecoder<long, long, Same<long>>(),
        ColumnType.Float => new ScalarColumnDecoder<float, float, Same<float>>(),
        ColumnType.Double => new ScalarColumnDecoder<double, double, Same<double>>(),
        ColumnType.Timestamp => new ScalarColumnDecoder<long, DateTime, MicrosToUtc>(),
        ColumnType.Boolean => new BooleanColumnDecoder(),
        ColumnType.Int32List => new ListColumnDecoder<int>(),
        ColumnType.FloatList => new ListColumnDecoder<float>(),
        _ => throw new UnsupportedParquetException($"column type {spec.Type}"),
    };

    /// <summary>Non-null values among a page's levels: those at the maximum definition level (all when there are no levels).</summary>
    protected static int Present(ColumnChunkReader page) =>
        page.MaxDefinition == 0 ? page.Page.ValueCount : page.Definitions.Count(page.MaxDefinition);

    protected static InvalidDataException TooManyRows(int rows) => new($"the column chunk has more values than the row group's {rows} rows");
}

/// <summary>How a stored Parquet value becomes a column value; a struct so the decode loop is specialised and inlined.</summary>
internal interface IValueConverter<TStored, T>
{
    static abstract T Convert(TStored value);
}

internal readonly struct Same<T> : IValueConverter<T, T>
{
    public static T Convert(T value) => value;
}

/// <summary>TIMESTAMP(MICROS, UTC): microseconds since the Unix epoch, as a UTC <see cref="DateTime"/>.</summary>
internal readonly struct MicrosToUtc : IValueConverter<long, DateTime>
{
    public static DateTime Convert(long micros) => new(DateTime.UnixEpoch.Ticks + micros * 10, DateTimeKind.Utc);
}
