namespace AkkaEtl.Parquet;

/// <summary>How <see cref="ColumnarParquetWriter"/> lays out and compresses pages.</summary>
public sealed record ColumnarParquetWriterOptions
{
    public static readonly ColumnarParquetWriterOptions Default = new();

    /// <summary>Uncompressed values per data page, roughly (pages end on row boundaries).</summary>
    public int PageBytes { get; init; } = 1 << 20;

    /// <summary>Snappy page compression; off writes UNCOMPRESSED chunks (for tests and measurements).</summary>
    public bool Snappy { get; init; } = true;

    /// <summary>Most distinct values a string chunk may have to be dictionary encoded; 0 writes every string column PLAIN.</summary>
    public int DictionaryMaxEntries { get; init; } = 16_384;

    /// <summary>Most characters a string chunk's dictionary may hold, all entries together.</summary>
    public int DictionaryMaxBytes { get; init; } = 1 << 20;

    /// <summary>String min/max are written only when both are at most this many UTF-8 bytes.</summary>
    public int MaxStringStatisticsBytes { get; init; } = 64;

    public string CreatedBy { get; init; } = "AkkaEtl ColumnarParquetWriter version 1.0.0";
}
