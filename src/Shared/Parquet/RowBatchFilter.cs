using AkkaEtl.Features;

namespace AkkaEtl.Parquet;

/// <summary>Copies selected rows of a <see cref="RowBatch"/>, column by column.</summary>
public static class RowBatchFilter
{
    /// <summary>A new batch of the rows whose <paramref name="keep"/> flag is set, in order.</summary>
    public static RowBatch Filter(RowBatch source, ReadOnlySpan<bool> keep)
    {
        var target = new RowBatch(source.Schema);
        AppendRows(target, source, keep);
        return target;
    }

    /// <summary>Appends the kept rows of <paramref name="source"/> to <paramref name="target"/> (same columns, by position).</summary>
    public static void AppendRows(RowBatch target, RowBatch source, ReadOnlySpan<bool> keep)
    {
        if (keep.Length != source.RowCount)
            throw new ArgumentException($"{keep.Length} keep flags for {source.RowCount} rows", nameof(keep));
        var columns = target.Schema.Columns.Count;
        if (source.Schema.Columns.Count != columns) throw new ArgumentException("the batches have different columns", nameof(source));
        for (var c = 0; c < columns; c++)
            if (target.Schema[c].Type != source.Schema[c].Type)
                throw new ArgumentException($"column {c} is {source.Schema[c].Type} in the source, {target.Schema[c].Type} in the target", nameof(source));

        var kept = 0;
        foreach (var k in keep) if (k) kept++;
        BatchAppend.Begin(target);
        try
        {
            for (var c = 0; c < columns; c++) AppendColumn(target.Column(c), source.Column(c), keep);
        }
        catch
        {
            BatchAppend.Abort(target);
            throw;
        }
        BatchAppend.Commit(target, kept);
    }

    private static void AppendColumn(ColumnBuffer to, ColumnBuffer from, ReadOnlySpan<bool> keep)
    {
        switch (from)
        {
            case StringColumn s:
                var st = (StringColumn)to;
                for (var r = 0; r < keep.Length; r++)
                {
                    if (!keep[r]) continue;
                    if (s.IsNull(r)) st.AddNull();
                    else st.Add(s.Span(r));
                }
                break;
            case ValueColumn<int> v: Values(v, (ValueColumn<int>)to, keep); break;
            case ValueColumn<long> v: Values(v, (ValueColumn<long>)to, keep); break;
            case ValueColumn<float> v: Values(v, (ValueColumn<float>)to, keep); break;
            case ValueColumn<double> v: Values(v, (ValueColumn<double>)to, keep); break;
            case ValueColumn<bool> v: Values(v, (ValueColumn<bool>)to, keep); break;
            case ValueColumn<DateTime> v: Values(v, (ValueColumn<DateTime>)to, keep); break;
            case ListColumn<int> l: Lists(l, (ListColumn<int>)to, keep); break;
            case ListColumn<float> l: Lists(l, (ListColumn<float>)to, keep); break;
            default: throw new NotSupportedException($"no copy for {from.GetType().Name}");
        }
    }

    private static void Values<T>(ValueColumn<T> from, ValueColumn<T> to, ReadOnlySpan<bool> keep) where T : struct
    {
        var values = from.Values.Span;
        for (var r = 0; r < keep.Length; r++) if (keep[r]) to.Add(values[r]);
    }

    private static void Lists<T>(ListColumn<T> from, ListColumn<T> to, ReadOnlySpan<bool> keep) where T : struct
    {
        var elements = from.Elements.Span;
        var lengths = from.Lengths.Span;
        var start = 0;
        for (var r = 0; r < keep.Length; r++)
        {
            if (keep[r]) to.Add(elements.Slice(start, lengths[r]));
            start += lengths[r];
        }
    }
}

/// <summary>
/// Appending whole columns to a <see cref="RowBatch"/> instead of row by row: every column gets the same number of
/// values, then <see cref="Commit"/> closes that many rows through the batch's own row API (which checks required columns).
/// </summary>
internal static class BatchAppend
{
    public static void Begin(RowBatch batch)
    {
        for (var c = 0; c < batch.Schema.Columns.Count; c++)
            if (batch.Column(c).Count != batch.RowCount)
                throw new InvalidOperationException("the batch has a row open");
    }

    public static void Commit(RowBatch batch, int rows)
    {
        var expected = batch.RowCount + rows;
        for (var c = 0; c < batch.Schema.Columns.Count; c++)
            if (batch.Column(c).Count != expected)
                throw new InvalidOperationException($"column '{batch.Schema[c].Name}' has {batch.Column(c).Count} values, expected {expected}");
        for (var r = 0; r < rows; r++)
        {
            batch.BeginRow();
            if (!batch.EndRow())
            {
                var reason = batch.RejectReason;
                Abort(batch);
                throw new InvalidDataException($"row {r} cannot be added: {reason}");
            }
        }
    }

    /// <summary>Drops values appended since the last complete row.</summary>
    public static void Abort(RowBatch batch)
    {
        for (var c = 0; c < batch.Schema.Columns.Count; c++)
            if (batch.Column(c).Count > batch.RowCount) batch.Column(c).Truncate(batch.RowCount);
    }
}
