using System.Security.Cryptography;
using System.Text;
using AkkaEtl.Features;

namespace AkkaEtl.Catalog;

/// <summary>
/// What may change in a table's schema: columns may be added (old partitions read them as null) or go missing, but a
/// column never changes its type, because old and new files could no longer be read as one table.
/// </summary>
public static class SchemaEvolution
{
    /// <summary>Why <paramref name="incoming"/> cannot write to a table of <paramref name="existing"/>, or null if it can.</summary>
    public static string? Incompatibility(string table, IReadOnlyList<ColumnSpec> existing, IReadOnlyList<ColumnSpec> incoming)
    {
        var changed = incoming
            .Select(c => (New: c, Old: existing.FirstOrDefault(e => e.Name == c.Name)))
            .Where(p => p.Old is not null && p.Old.Type != p.New.Type)
            .Select(p => $"'{p.New.Name}' is {p.Old!.Type} in the table but {p.New.Type} in the extractor")
            .ToList();
        return changed.Count == 0
            ? null
            : $"table '{table}': a column type change is refused ({string.Join("; ", changed)}); write to a new table instead";
    }

    /// <summary>The table's columns after writing <paramref name="incoming"/>: the existing ones, then the new ones.</summary>
    public static IReadOnlyList<ColumnSpec> Merge(IReadOnlyList<ColumnSpec> existing, IReadOnlyList<ColumnSpec> incoming) =>
        existing.Concat(incoming.Where(c => existing.All(e => e.Name != c.Name))).ToList();

    /// <summary>A short digest of the columns (names, types, required), stored with each partition.</summary>
    public static string Fingerprint(IReadOnlyList<ColumnSpec> columns)
    {
        var text = string.Join(";", columns.Select(c => $"{c.Name}:{c.Type}:{(c.Required ? 1 : 0)}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
