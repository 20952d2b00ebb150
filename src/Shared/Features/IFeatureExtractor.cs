using System.Text.Json;

namespace AkkaEtl.Features;

/// <summary>
/// Turns one raw record into one row. The built-in <see cref="JobFeatureExtractor"/> is one; a data scientist's
/// own is loaded by name (<c>--extractor My.dll:My.Namespace.MyExtractor</c>) and its columns become the table's.
/// Called concurrently from several threads on one instance: keep per-record state in locals (or [ThreadStatic]).
/// </summary>
public interface IFeatureExtractor
{
    /// <summary>The columns this extractor fills. The lineage columns source_file and source_line are added for you.</summary>
    IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>
    /// The column that identifies a record within a day (rows are deduplicated on it, the latest winning), or null
    /// to keep every row.
    /// </summary>
    string? KeyColumn => null;

    /// <summary>Fills <paramref name="row"/> from <paramref name="record"/>, or calls <see cref="IRowWriter.Reject"/>.</summary>
    void Extract(in SourceRecord record, IRowWriter row);
}

/// <summary>One raw record: its parsed JSON object and where it came from.</summary>
public readonly ref struct SourceRecord(JsonElement json, ReadOnlySpan<byte> utf8, string sourceFile, long line, DateOnly day)
{
    /// <summary>The record; always a JSON object (other lines are rejected before extraction).</summary>
    public JsonElement Json { get; } = json;
    /// <summary>The raw line, UTF-8, without its line ending.</summary>
    public ReadOnlySpan<byte> Utf8 { get; } = utf8;
    public string SourceFile { get; } = sourceFile;
    /// <summary>1-based line number within the source file.</summary>
    public long Line { get; } = line;
    /// <summary>The day partition the record belongs to.</summary>
    public DateOnly Day { get; } = day;
}

/// <summary>Where an extractor writes one row. Columns are addressed by index in <see cref="IFeatureExtractor.Columns"/>.</summary>
public interface IRowWriter
{
    void SetString(int column, string? value);
    /// <summary>A text value given as characters (copied; no string is needed). Never null: use the string overload for null.</summary>
    void SetString(int column, ReadOnlySpan<char> value) => SetString(column, value.ToString());
    void SetInt32(int column, int? value);
    void SetInt64(int column, long? value);
    void SetFloat(int column, float? value);
    void SetDouble(int column, double? value);
    void SetBoolean(int column, bool? value);
    /// <summary>A UTC instant; stored with microsecond precision.</summary>
    void SetTimestamp(int column, DateTime? utc);
    void SetInt32List(int column, ReadOnlySpan<int> values);
    void SetFloatList(int column, ReadOnlySpan<float> values);

    /// <summary>The record is not a row: it goes to the rejects with this reason.</summary>
    void Reject(string reason);

    /// <summary>A field had the wrong type or an unusable value: it is left null and counted, the row is kept.</summary>
    void FieldError(int column, string reason);
}

/// <summary>
/// Reads what deduplication compares (a record's key and version) without extracting the record. An extractor that
/// implements it lets a day's superseded records be found by a cheap pass before its parts are written, so that
/// compaction copies the parts' row groups instead of rewriting them. It should agree with what Extract writes; where
/// it does not (a record extraction rejects, a version read differently), compaction still keeps the right rows, and
/// rewrites the row groups concerned.
/// </summary>
public interface IRecordVersionReader
{
    /// <summary>
    /// Reads one raw record (a line, UTF-8). False when it is not a JSON object or has no key: extraction rejects
    /// it, or keeps it without one.
    /// </summary>
    bool TryReadVersion(ReadOnlySpan<byte> utf8Json, out RecordVersion version);
}

/// <summary>A record's key and what decides between records of one key: the latest updated_at, then posted_at.</summary>
public readonly record struct RecordVersion(string Key, DateTime? Updated, DateTime? Posted);
