namespace AkkaEtl.Parquet;

/// <summary>An input of a merge: a local Parquet file and the row groups to take from it, in order (null: all).</summary>
public sealed record MergeInput(string Path, IReadOnlyList<int>? RowGroups = null)
{
    public static implicit operator MergeInput(string path) => new(path);
}

/// <summary>One file a merge wrote.</summary>
public sealed record MergedFile(string Path, long Rows, long Bytes, int RowGroups);

public sealed record ParquetMergeOptions
{
    public const long DefaultMaxRowsPerFile = 1_048_576;

    /// <summary>Rows per output file at most. Row groups are never split.</summary>
    public long MaxRowsPerFile { get; init; } = DefaultMaxRowsPerFile;

    /// <summary>The outputs' key-value metadata; null merges the inputs' (the first value of a key wins).</summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    /// <summary>The outputs' created_by; null keeps the first input's, since the pages are that writer's.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Size of each of the copier's two buffers.</summary>
    public int CopyBufferSize { get; init; } = 1 << 20;
}
