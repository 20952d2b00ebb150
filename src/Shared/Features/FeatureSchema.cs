using System.Collections.Frozen;

namespace AkkaEtl.Features;

/// <summary>
/// The columns of a table: an extractor's columns followed by the lineage columns every row carries
/// (<c>source_file</c>, <c>source_line</c>), unless the extractor declared them itself.
/// </summary>
public sealed class FeatureSchema
{
    public const string SourceFileColumn = "source_file";
    public const string SourceLineColumn = "source_line";

    private readonly FrozenDictionary<string, int> _index;

    public FeatureSchema(IEnumerable<ColumnSpec> columns)
    {
        var list = columns.ToList();
        if (list.All(c => c.Name != SourceFileColumn)) list.Add(ColumnSpec.String(SourceFileColumn, required: true));
        if (list.All(c => c.Name != SourceLineColumn)) list.Add(ColumnSpec.Int64(SourceLineColumn, required: true));
        var dup = list.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"column '{dup.Key}' is declared twice");
        foreach (var c in list)
        {
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch == '_')))
                throw new ArgumentException($"column name '{c.Name}' must be letters, digits and '_'");
            if (c.Name == "day_partition") throw new ArgumentException("day_partition is the partition, not a column");
        }
        Columns = list;
        _index = list.Select((c, i) => (c.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        SourceFileIndex = _index[SourceFileColumn];
        SourceLineIndex = _index[SourceLineColumn];
    }

    public IReadOnlyList<ColumnSpec> Columns { get; }
    public int SourceFileIndex { get; }
    public int SourceLineIndex { get; }

    public int IndexOf(string name) =>
        _index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"no column '{name}' in the schema");

    public bool TryIndexOf(string name, out int index) => _index.TryGetValue(name, out index);

    public ColumnSpec this[int index] => Columns[index];
}
