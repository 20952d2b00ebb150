namespace AkkaEtl.Features;

/// <summary>
/// Rows held column by column, the shape Parquet writes. Rows are built one at a time through
/// <see cref="IRowWriter"/>: columns not set in a row are null, and a rejected row leaves no trace.
/// </summary>
public sealed class RowBatch : IRowWriter
{
    private readonly ColumnBuffer[] _columns;
    private readonly int[] _rowStartCounts;
    private bool _inRow;

    public RowBatch(FeatureSchema schema)
    {
        Schema = schema;
        _columns = schema.Columns.Select(ColumnBuffer.For).ToArray();
        _rowStartCounts = new int[_columns.Length];
    }

    public FeatureSchema Schema { get; }
    public int RowCount { get; private set; }
    public long FieldErrors { get; private set; }
    public string? RejectReason { get; private set; }
    public long EstimatedBytes => _columns.Sum(c => c.EstimatedBytes);

    public ColumnBuffer Column(int index) => _columns[index];

    public void BeginRow()
    {
        if (_inRow) throw new InvalidOperationException("row already open");
        _inRow = true;
        RejectReason = null;
    }

    /// <summary>Closes the row: unset columns become null. Returns false (and drops the row) if it was rejected or misses a required column.</summary>
    public bool EndRow()
    {
        EnsureRow();
        _inRow = false;
        if (RejectReason is null)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                var c = _columns[i];
                if (c.Count == RowCount) c.AddNull();
                if (Schema[i].Required && c.IsNull(RowCount))
                {
                    RejectReason = $"required column '{Schema[i].Name}' has no value";
                    break;
                }
            }
        }
        if (RejectReason is not null)
        {
            foreach (var c in _columns) if (c.Count > RowCount) c.Truncate(RowCount);
            return false;
        }
        RowCount++;
        return true;
    }

    public void Append(RowBatch other)
    {
        if (!ReferenceEquals(other.Schema, Schema) && other.Schema.Columns.Count != Schema.Columns.Count)
            throw new ArgumentException("schemas differ");
        for (var i = 0; i < _columns.Length; i++) _columns[i].AppendFrom(other._columns[i]);
        RowCount += other.RowCount;
        FieldErrors += other.FieldErrors;
    }

    /// <summary>Appends rows [start, start + count) of <paramref name="other"/>.</summary>
    public void AppendRange(RowBatch other, int start, int count)
    {
        if (start < 0 || count < 0 || start + count > other.RowCount) throw new ArgumentOutOfRangeException(nameof(count));
        for (var i = 0; i < _columns.Length; i++) _columns[i].AppendRange(other._columns[i], start, count);
        RowCount += count;
    }

    public void Clear()
    {
        foreach (var c in _columns) c.Truncate(0);
        RowCount = 0;
        FieldErrors = 0;
    }

    public void SetString(int column, string? value)
    {
        var c = Col<StringColumn>(column, ColumnType.String);
        if (c.Count > RowCount) c.SetLast(value); else c.Add(value);
    }

    /// <summary>Copies the characters into the column's arena: no string per value.</summary>
    public void SetString(int column, ReadOnlySpan<char> value)
    {
        var c = Col<StringColumn>(column, ColumnType.String);
        if (c.Count > RowCount) c.SetLast(value); else c.Add(value);
    }

    public void SetInt32(int column, int? value) => SetValue(column, ColumnType.Int32, value);
    public void SetInt64(int column, long? value) => SetValue(column, ColumnType.Int64, value);
    public void SetFloat(int column, float? value) => SetValue(column, ColumnType.Float, value);
    public void SetDouble(int column, double? value) => SetValue(column, ColumnType.Double, value);
    public void SetBoolean(int column, bool? value) => SetValue(column, ColumnType.Boolean, value);

    public void SetTimestamp(int column, DateTime? utc)
    {
        if (utc is { } t)
        {
            if (t.Kind == DateTimeKind.Local) t = t.ToUniversalTime();
            // Microsecond precision, as stored.
            utc = new DateTime(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
        }
        SetValue(column, ColumnType.Timestamp, utc);
    }

    public void SetInt32List(int column, ReadOnlySpan<int> values) => SetList(column, ColumnType.Int32List, values);
    public void SetFloatList(int column, ReadOnlySpan<float> values) => SetList(column, ColumnType.FloatList, values);

    public void Reject(string reason)
    {
        EnsureRow();
        RejectReason ??= reason;
    }

    public void FieldError(int column, string reason)
    {
        EnsureRow();
        FieldErrors++;
    }

    private void SetValue<T>(int column, ColumnType type, T? value) where T : struct
    {
        var c = Col<ValueColumn<T>>(column, type);
        if (c.Count > RowCount) c.SetLast(value); else c.Add(value);
    }

    private void SetList<T>(int column, ColumnType type, ReadOnlySpan<T> values) where T : struct
    {
        var c = Col<ListColumn<T>>(column, type);
        if (c.Count > RowCount) c.SetLast(values); else c.Add(values);
    }

    private TCol Col<TCol>(int column, ColumnType type) where TCol : ColumnBuffer
    {
        EnsureRow();
        if ((uint)column >= (uint)_columns.Length) throw new ArgumentOutOfRangeException(nameof(column), $"no column {column}");
        if (Schema[column].Type != type)
            throw new InvalidOperationException($"column '{Schema[column].Name}' is {Schema[column].Type}, not {type}");
        return (TCol)_columns[column];
    }

    private void EnsureRow()
    {
        if (!_inRow) throw new InvalidOperationException("no row open");
    }
}
