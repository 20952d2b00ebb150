using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>An input of a merge: a local Parquet file and the row groups to take from it, in order (null: all).</summary>
public sealed record MergeInput(string Path, IReadOnlyList<int>? RowGroups = null)
{
    public static implicit operator MergeInput(string path) => new(path);

    /// <summary>
    /// A row group of <paramref name="rows"/> rows made in memory when the merge comes near it (a rewritten row group),
    /// instead of read from a file; <paramref name="description"/> names it in errors.
    /// </summary>
    public static MergeInput Encoded(string description, long rows, Func<CancellationToken, Task<EncodedRowGroup>> encode) =>
        new(description) { EncodedRows = rows, Encode = encode };

    public long EncodedRows { get; private init; }
    public Func<CancellationToken, Task<EncodedRowGroup>>? Encode { get; private init; }
}

/// <summary>
/// One row group written by <see cref="ColumnarParquetWriter"/> to memory: the stream (the file's magic first, then
/// the pages) and the file's footer, whose single row group gives offsets in that stream. The merge copies the pages,
/// then gives the stream back through <paramref name="release"/>.
/// </summary>
public sealed class EncodedRowGroup(MemoryStream file, FileMetaData footer, Action<MemoryStream> release)
{
    public MemoryStream File => file;
    public FileMetaData Footer => footer;
    public void Release() => release(file);
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
