using AkkaEtl.Messages;
using AkkaEtl.Parquet;
using static AkkaEtl.Messages.CompactionProtocol;

namespace AkkaEtl.Coordinator.Compaction;

/// <summary>
/// The merge a compaction can start before it has read a single key: when the versions pass decided every part's
/// superseded records, each part's row groups are all kept but its superseded rows' own (the last one, where
/// PartRowGroups puts them). The copy of those row groups, and the output's write-back to disk, then run while
/// <see cref="RowSelection"/> reads the keys; the result is used only if the selection comes to the same plan,
/// otherwise it is cancelled and the merge runs again from the selection.
/// </summary>
public sealed class EarlyPlan : IDisposable
{
    private readonly List<(int RowGroups, bool SupersededLast)> _parts;
    private readonly Task<IReadOnlyList<MergedFile>> _merge;
    private readonly CancellationTokenSource _cancel;

    private EarlyPlan(List<(int, bool)> parts, Task<IReadOnlyList<MergedFile>> merge, CancellationTokenSource cancel)
    {
        _parts = parts;
        _merge = merge;
        _cancel = cancel;
    }

    public bool Agreed { get; private set; }

    /// <summary>Starts the early merge, or returns null when the parts' superseded rows are not all known.</summary>
    public static async Task<EarlyPlan?> TryStartAsync(CompactDay request, IReadOnlyList<CompactionInput> inputs, ParquetFileMerger merger,
        string scratch, CancellationToken ct)
    {
        var parts = request.Parts.Where(p => p.Key.Length > 0).ToList();
        // Not incremental, so the inputs are exactly these parts, in order (no carried files).
        if (request.Incremental || !request.Deduplicate || parts.Count != inputs.Count || parts.Any(p => p.SupersededLast is null))
            return null;
        var layout = new List<(int, bool)>();
        var merge = new List<MergeInput>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var rowGroups = (await ParquetFooter.ReadAsync(inputs[i].Path, ct)).RowGroups.Count;
            var supersededLast = parts[i].SupersededLast!.Value;
            layout.Add((rowGroups, supersededLast));
            var kept = supersededLast ? rowGroups - 1 : rowGroups;
            if (kept > 0) merge.Add(new MergeInput(inputs[i].Path, Enumerable.Range(0, kept).ToList()));
        }
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var task = Task.Run(() => merger.MergeAsync(merge, i => Path.Combine(scratch, $"early-{i:D5}.parquet"), cancel.Token), cancel.Token);
        return new EarlyPlan(layout, task, cancel);
    }

    /// <summary>
    /// The early merge's files if <paramref name="selection"/> keeps exactly the row groups it copied, whole, and drops
    /// the others whole; else null, once the early merge has stopped and removed its files.
    /// </summary>
    public async Task<IReadOnlyList<MergedFile>?> OutputsIfAgreedAsync(RowSelection selection)
    {
        Agreed = AgreesWith(selection);
        if (Agreed) return await _merge;
        await _cancel.CancelAsync();
        try { await _merge; }
        catch (OperationCanceledException) { }
        catch (Exception) { } // its files are removed by the merger; the merge from the selection is what counts
        return null;
    }

    private bool AgreesWith(RowSelection selection)
    {
        if (selection.Inputs.Count != _parts.Count) return false;
        for (var i = 0; i < _parts.Count; i++)
        {
            var (rowGroups, supersededLast) = _parts[i];
            if (selection.RowGroups(i) != rowGroups) return false;
            for (var rg = 0; rg < rowGroups; rg++)
            {
                var keep = selection.Keep(i, rg);
                var dropped = supersededLast && rg == rowGroups - 1;
                if (dropped ? keep is null || keep.Any(k => k) : keep is not null) return false;
            }
        }
        return true;
    }

    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }
}
