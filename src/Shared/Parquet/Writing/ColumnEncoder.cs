using AkkaEtl.Features;
using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Writing;

/// <summary>
/// Encodes one column of a row group as data pages v1 (levels, then values) and gathers the chunk's statistics. A
/// chunk is encoded page by page into a caller's buffer: <see cref="Begin"/>, an optional dictionary page, then
/// <see cref="EncodePage"/> until it returns false. One encoder per column, reused across row groups.
/// </summary>
internal abstract class ColumnEncoder(int maxDefinitionLevel, int maxRepetitionLevel)
{
    private readonly HybridEncoder _levels = new();

    public int MaxDefinitionLevel { get; } = maxDefinitionLevel;
    public int MaxRepetitionLevel { get; } = maxRepetitionLevel;
    public abstract global::Parquet.Meta.Type PhysicalType { get; }
    /// <summary>Levels without a value (nulls, empty lists) in the chunk so far.</summary>
    public long NullCount { get; protected set; }
    /// <summary>The encoding of the current chunk's data pages.</summary>
    public virtual Encoding DataEncoding => Encoding.PLAIN;

    /// <summary>Starts a chunk of <paramref name="rows"/> rows of <paramref name="column"/>.</summary>
    public void Begin(ColumnBuffer column, int rows)
    {
        NullCount = 0;
        Start(column, rows);
    }

    /// <summary>Fills <paramref name="body"/> with the chunk's dictionary page, if it is dictionary encoded.</summary>
    public virtual bool TryEncodeDictionary(PooledBuffer body, out int count)
    {
        count = 0;
        return false;
    }

    /// <summary>
    /// Appends the next page (about <paramref name="pageBytes"/> of values, whole rows) to <paramref name="body"/>;
    /// false when the chunk has no rows left. <paramref name="levelCount"/> is the page's num_values.
    /// </summary>
    public abstract bool EncodePage(PooledBuffer body, int pageBytes, out int levelCount);

    /// <summary>The chunk's statistics: null count always, bounds where they are known and allowed.</summary>
    public abstract Statistics Statistics();

    protected abstract void Start(ColumnBuffer column, int rows);

    /// <summary>Opens a level section (4-byte length, then hybrid-encoded levels); close it with <see cref="EndLevels"/>.</summary>
    protected HybridEncoder BeginLevels(PooledBuffer body, int maxLevel, out int lengthAt)
    {
        lengthAt = body.Reserve(4);
        _levels.Begin(body, HybridEncoder.BitWidth(maxLevel));
        return _levels;
    }

    protected static void EndLevels(PooledBuffer body, HybridEncoder levels, int lengthAt)
    {
        levels.End();
        body.WriteInt32At(lengthAt, body.Length - lengthAt - 4);
    }

    internal static Statistics Bounds(long nullCount, (byte[] Min, byte[] Max)? bounds, bool legacy)
    {
        var s = new Statistics { NullCount = nullCount };
        if (bounds is not { } b) return s;
        s.MinValue = b.Min;
        s.MaxValue = b.Max;
        s.IsMinValueExact = true;
        s.IsMaxValueExact = true;
        if (legacy)
        {
            // The deprecated fields, for old readers: their signed order is the type order for numbers.
            s.Min = b.Min;
            s.Max = b.Max;
        }
        return s;
    }
}
