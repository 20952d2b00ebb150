using System.Buffers;
using AkkaEtl.Features;
using AkkaEtl.Parquet;
using Parquet;
using Parquet.Schema;

namespace AkkaEtl.Benchmarks.ParquetWrite;

/// <summary>Writes a <see cref="RowBatch"/> as one Parquet row group with Parquet.Net (the writer parts used before ColumnarParquetWriter): the baseline.</summary>
public static class ParquetNetRowGroupWriter
{
    public static async Task WriteAsync(ParquetWriter writer, ParquetSchemaMap map, RowBatch batch, CancellationToken ct = default)
    {
        using var rg = writer.CreateRowGroup();
        for (var i = 0; i < map.DataFields.Count; i++)
        {
            var field = map.DataFields[i];
            var spec = map.Features[i];
            switch (batch.Column(i))
            {
                case StringColumn s:
                    await WriteStrings(rg, field, spec, s, ct);
                    break;
                case ValueColumn<int> c: await WriteValues(rg, field, spec, c, ct); break;
                case ValueColumn<long> c: await WriteValues(rg, field, spec, c, ct); break;
                case ValueColumn<float> c: await WriteValues(rg, field, spec, c, ct); break;
                case ValueColumn<double> c: await WriteValues(rg, field, spec, c, ct); break;
                case ValueColumn<bool> c: await WriteValues(rg, field, spec, c, ct); break;
                case ValueColumn<DateTime> c: await WriteValues(rg, field, spec, c, ct); break;
                case ListColumn<int> l: await WriteList(rg, field, l, ct); break;
                case ListColumn<float> l: await WriteList(rg, field, l, ct); break;
                default: throw new InvalidOperationException($"no writer for column {spec.Name}");
            }
        }
        rg.CompleteValidate();
    }

    private static async Task WriteStrings(ParquetRowGroupWriter rg, DataField field, ColumnSpec spec, StringColumn s, CancellationToken ct)
    {
        var memories = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(Math.Max(s.Count, 1));
        try
        {
            s.FillMemories(memories.AsSpan(0, s.Count));
            if (spec.Required)
            {
                var dense = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(s.Count, 1));
                try
                {
                    for (var r = 0; r < s.Count; r++) dense[r] = memories[r]!.Value;
                    await rg.WriteAsync<ReadOnlyMemory<char>>(field, dense.AsMemory(0, s.Count), null, null, ct);
                }
                finally
                {
                    ArrayPool<ReadOnlyMemory<char>>.Shared.Return(dense, clearArray: true);
                }
                return;
            }
            await rg.WriteAsync<ReadOnlyMemory<char>>(field, memories.AsMemory(0, s.Count), null, null, ct);
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(memories, clearArray: true);
        }
    }

    private static async Task WriteValues<T>(ParquetRowGroupWriter rg, DataField field, ColumnSpec spec, ValueColumn<T> c, CancellationToken ct)
        where T : struct
    {
        if (!spec.Required)
        {
            await rg.WriteAsync<T>(field, c.Values.Memory, null, null, ct);
            return;
        }
        var dense = ArrayPool<T>.Shared.Rent(c.Count);
        try
        {
            var values = c.Values.Span;
            for (var r = 0; r < values.Length; r++) dense[r] = values[r]!.Value;
            await rg.WriteAsync<T>(field, dense.AsMemory(0, c.Count), null, null, ct);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(dense);
        }
    }

    // Three-level lists with required elements: definition 2 = an element, 1 = an empty list; repetition 1 continues a row's list.
    private static async Task WriteList<T>(ParquetRowGroupWriter rg, DataField element, ListColumn<T> l, CancellationToken ct) where T : struct
    {
        var lengths = l.Lengths.Span;
        var levels = 0;
        foreach (var n in lengths) levels += Math.Max(n, 1);
        var def = ArrayPool<int>.Shared.Rent(levels);
        var rep = ArrayPool<int>.Shared.Rent(levels);
        try
        {
            var k = 0;
            foreach (var n in lengths)
            {
                if (n == 0)
                {
                    def[k] = 1;
                    rep[k++] = 0;
                    continue;
                }
                for (var j = 0; j < n; j++)
                {
                    def[k] = 2;
                    rep[k++] = j == 0 ? 0 : 1;
                }
            }
            await rg.WriteAllPartsAsync<T>(element, l.Elements.Memory, def.AsMemory(0, levels), rep.AsMemory(0, levels), ct);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(def);
            ArrayPool<int>.Shared.Return(rep);
        }
    }
}
