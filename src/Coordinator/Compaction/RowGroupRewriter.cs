using AkkaEtl.Features;
using AkkaEtl.Parquet;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>
/// Turns a <see cref="RowSelection"/> into merge inputs, in order: runs of whole row groups are copied as they are;
/// row groups that lose rows are decoded, filtered and written to a small rewrite file that takes their place.
/// Rewrites run in parallel (one <see cref="PartFileReader"/> each), bounded so that memory stays a few row groups.
/// </summary>
public static class RowGroupRewriter
{
    public static async Task<IReadOnlyList<MergeInput>> PlanAsync(RowSelection selection, FeatureSchema schema, string scratch, CancellationToken ct)
    {
        var slots = new List<Slot>();
        var rewrites = new List<Rewrite>();
        for (var i = 0; i < selection.Inputs.Count; i++)
        {
            var path = selection.Inputs[i].Path;
            var whole = new List<int>();
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
                    slots.Add(new Slot(new MergeInput(path, whole), null));
                    whole = [];
                }
                var rewrite = new Rewrite(path, rg, keep, Path.Combine(scratch, $"rewrite-{rewrites.Count:D5}.parquet"));
                rewrites.Add(rewrite);
                slots.Add(new Slot(null, rewrite));
            }
            if (whole.Count > 0) slots.Add(new Slot(new MergeInput(path, whole), null));
        }

        var map = new ParquetSchemaMap(schema);
        var batches = new System.Collections.Concurrent.ConcurrentBag<RowBatch>();
        await Parallel.ForEachAsync(rewrites, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = ct },
            async (r, token) =>
            {
                await using var reader = await PartFileReader.OpenAsync(r.Source, schema, token);
                // A batch per worker, reused: its buffers grow to a row group's size once instead of once per rewrite.
                var rows = batches.TryTake(out var reused) ? reused : new RowBatch(schema);
                rows.Clear();
                await reader.ReadIntoAsync(r.RowGroup, rows, r.Keep, token);
                await using var writer = await PartFileWriter.CreateAsync(r.Target, map, ct: token);
                await writer.WriteAsync(rows, token);
                await writer.CompleteAsync();
                batches.Add(rows);
            });
        return slots.Select(s => s.Whole ?? new MergeInput(s.Rewrite!.Target)).ToList();
    }

    private sealed record Rewrite(string Source, int RowGroup, bool[] Keep, string Target);

    private sealed record Slot(MergeInput? Whole, Rewrite? Rewrite);
}
