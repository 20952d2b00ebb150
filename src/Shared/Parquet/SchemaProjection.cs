using AkkaEtl.Features;

namespace AkkaEtl.Parquet;

/// <summary>A schema of some of another schema's columns, e.g. the key columns for a cheap first pass.</summary>
public static class SchemaProjection
{
    /// <summary>
    /// The named columns, in the given order, followed by the lineage columns (source_file, source_line) as the full
    /// schema declares them, unless named.
    /// </summary>
    public static FeatureSchema Of(FeatureSchema schema, IEnumerable<string> columns)
    {
        var specs = columns.Select(name => schema[schema.IndexOf(name)]).ToList();
        foreach (var lineage in new[] { schema.SourceFileIndex, schema.SourceLineIndex })
            if (specs.All(s => s.Name != schema[lineage].Name)) specs.Add(schema[lineage]);
        return new FeatureSchema(specs);
    }
}
