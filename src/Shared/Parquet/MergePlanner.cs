using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>A row group of a merge input, by input index and row group index within that input.</summary>
public readonly record struct RowGroupRef(int Input, int RowGroup);

/// <summary>The row groups one output file will hold, in order.</summary>
public sealed record PlannedFile(IReadOnlyList<RowGroupRef> RowGroups, long Rows);

/// <summary>
/// Decides which row groups go to which output file: inputs in the given order, row groups in order, a new file when
/// the next row group would take the current one past the row limit. Checks schemas and row group sizes first.
/// </summary>
public static class MergePlanner
{
    /// <param name="footers">one per input; null for an encoded input (one row group of its <see cref="MergeInput.EncodedRows"/>).</param>
    public static IReadOnlyList<PlannedFile> Plan(IReadOnlyList<MergeInput> inputs, IReadOnlyList<FileMetaData?> footers, long maxRowsPerFile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerFile, 1);
        if (inputs.Count != footers.Count) throw new ArgumentException("one footer per input", nameof(footers));
        var first = -1;
        for (var i = 0; i < footers.Count && first < 0; i++) if (footers[i] is not null) first = i;
        var schema = first < 0 ? null : footers[first]!.Schema ?? throw new InvalidDataException($"'{inputs[first].Path}' has no schema");
        var files = new List<PlannedFile>();
        var current = new List<RowGroupRef>();
        long rows = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var footer = footers[i];
            if (footer is not null)
            {
                if (footer.EncryptionAlgorithm is not null || footer.RowGroups?.Any(g => g.Columns.Any(c => c.CryptoMetadata is not null)) == true)
                    throw new NotSupportedException($"'{inputs[i].Path}' is encrypted; encrypted files cannot be merged");
                if (ParquetSchemaComparer.Difference(schema!, footer.Schema ?? []) is { } diff)
                    throw new InvalidDataException($"'{inputs[i].Path}' has a different schema from '{inputs[first].Path}': {diff}");
            }
            var groups = footer?.RowGroups ?? [];
            foreach (var g in footer is null ? [0] : Selected(inputs[i], groups.Count))
            {
                var n = footer is null ? inputs[i].EncodedRows : groups[g].NumRows;
                if (n > maxRowsPerFile)
                    throw new InvalidDataException(
                        $"row group {g} of '{inputs[i].Path}' has {n:N0} rows, more than the {maxRowsPerFile:N0} rows allowed per file; row groups are never split");
                if (n == 0) continue;
                if (rows + n > maxRowsPerFile && current.Count > 0)
                {
                    files.Add(new PlannedFile(current, rows));
                    current = [];
                    rows = 0;
                }
                current.Add(new RowGroupRef(i, g));
                rows += n;
            }
        }
        if (current.Count > 0) files.Add(new PlannedFile(current, rows));
        return files;
    }

    private static IEnumerable<int> Selected(MergeInput input, int count)
    {
        if (input.RowGroups is null) return Enumerable.Range(0, count);
        foreach (var g in input.RowGroups)
            if ((uint)g >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(input), $"'{input.Path}' has {count} row groups, no row group {g}");
        return input.RowGroups;
    }
}
