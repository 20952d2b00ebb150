using AkkaEtl.Features;

namespace AkkaEtl.Parquet;

/// <summary>
/// A read of one row group into a batch, checked alike by both decoders: the row group exists, the mask fits it, and
/// every column of the batch is in the file with the same type (matched by name).
/// </summary>
internal readonly record struct RowGroupRead(int[] Sources, int Rows, int Kept)
{
    public static RowGroupRead Plan(string path, FeatureSchema file, int rowGroupCount, Func<int, long> rowCount, int rowGroup,
        FeatureSchema target, ReadOnlyMemory<bool>? keep)
    {
        if ((uint)rowGroup >= (uint)rowGroupCount)
            throw new ArgumentOutOfRangeException(nameof(rowGroup), $"'{path}' has {rowGroupCount} row groups, no row group {rowGroup}");
        var rows = checked((int)rowCount(rowGroup));
        if (keep is { } mask && mask.Length != rows)
            throw new ArgumentException($"{mask.Length} keep flags for {rows} rows", nameof(keep));
        var sources = new int[target.Columns.Count];
        for (var c = 0; c < sources.Length; c++)
        {
            var spec = target[c];
            if (!file.TryIndexOf(spec.Name, out var index)) throw new ArgumentException($"'{path}' has no column '{spec.Name}'", nameof(target));
            if (file[index].Type != spec.Type)
                throw new ArgumentException($"column '{spec.Name}' is {file[index].Type} in '{path}', not {spec.Type}", nameof(target));
            sources[c] = index;
        }
        var kept = rows;
        if (keep is { } k)
        {
            kept = 0;
            foreach (var flag in k.Span) if (flag) kept++;
        }
        return new RowGroupRead(sources, rows, kept);
    }
}
