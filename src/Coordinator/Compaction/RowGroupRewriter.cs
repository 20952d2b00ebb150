using AkkaEtl.Features;
using AkkaEtl.Parquet;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>
/// Turns a <see cref="RowSelection"/> into merge inputs, in order: runs of whole row groups are copied as they are;
/// row groups that lose rows are decoded, filtered and written to a small rewrite file that takes their place.
/// </summary>
public static class RowGroupRewriter
{
    public static async Task<IReadOnlyList<MergeInput>> PlanAsync(RowSelection selection, FeatureSchema schema, string scratch, CancellationToken ct)
    {
        var result = new List<MergeInput>();
        var map = new ParquetSchemaMap(schema);
        var rewrites = 0;
        for (var i = 0; i < selection.Inputs.Count; i++)
        {
            var path = selection.Inputs[i].Path;
            var whole = new List<int>();
            await using var decoder = await RowGroupDecoder.OpenAsync(path, schema, ct);
            for (var rg = 0; rg < selection.RowGroups(i); rg++)
            {
                var keep = selection.Keep(i, rg);
                if (keep is null)
                {
                    whole.Add(rg);
                    continue;
                }
                if (!keep.Contains(true)) continue;
                if (whole.Count > 0)
                {
                    result.Add(new MergeInput(path, whole));
                    whole = [];
                }
                var rewrite = Path.Combine(scratch, $"rewrite-{rewrites++:D5}.parquet");
                var rows = await decoder.ReadAsync(rg, schema, keep, ct);
                await using var writer = await PartFileWriter.CreateAsync(rewrite, map, ct: ct);
                await writer.WriteAsync(rows, ct);
                await writer.CompleteAsync();
                result.Add(new MergeInput(rewrite));
            }
            if (whole.Count > 0) result.Add(new MergeInput(path, whole));
        }
        return result;
    }
}
