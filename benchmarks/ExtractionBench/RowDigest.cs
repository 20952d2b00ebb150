using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AkkaEtl.Features;
using AkkaEtl.Ingest;

namespace AkkaEtl.Benchmarks.Extraction;

/// <summary>One hash per line of the extraction output (the row's exact values, or the reject reason), to compare builds.</summary>
public static class RowDigest
{
    public static List<string> Of(BenchData data)
    {
        var extractor = new JobFeatureExtractor();
        var schema = new FeatureSchema(extractor.Columns);
        var chunk = new ChunkExtractor(extractor, schema);
        var rows = new RowBatch(schema);
        var result = new List<string>(data.Lines.Count);
        var text = new StringBuilder();
        for (var i = 0; i < data.Lines.Count; i++)
        {
            var errors = rows.FieldErrors;
            var reason = chunk.Process(data.Lines[i], LineFlag.None, i + 1, "bench.jsonl", BenchData.Day, rows);
            if (reason is not null)
            {
                result.Add("x " + reason);
                continue;
            }
            text.Clear().Append("errors=").Append(rows.FieldErrors - errors).Append('\n');
            for (var c = 0; c < schema.Columns.Count; c++)
                text.Append(schema.Columns[c].Name).Append('=').Append(Canonical(rows.Column(c), rows.RowCount - 1)).Append('\n');
            result.Add("r " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24]);
            if (rows.RowCount == 1024) rows.Clear();
        }
        return result;
    }

    private static string Canonical(ColumnBuffer column, int row) => column switch
    {
        ListColumn<int> l => string.Join(',', ListRow(l, row).ToArray()),
        ListColumn<float> l => string.Join(',', ListRow(l, row).ToArray().Select(f => BitConverter.SingleToInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture))),
        _ when column.IsNull(row) => "null",
        StringColumn s => s.Span(row).Length + ":" + s.Span(row).ToString(),
        ValueColumn<int> v => v.Values[row]!.Value.ToString(CultureInfo.InvariantCulture),
        ValueColumn<long> v => v.Values[row]!.Value.ToString(CultureInfo.InvariantCulture),
        ValueColumn<bool> v => v.Values[row]!.Value ? "true" : "false",
        ValueColumn<double> v => BitConverter.DoubleToInt64Bits(v.Values[row]!.Value).ToString("x16", CultureInfo.InvariantCulture),
        ValueColumn<DateTime> v => v.Values[row]!.Value.Ticks.ToString(CultureInfo.InvariantCulture) + v.Values[row]!.Value.Kind,
        _ => throw new InvalidOperationException("unexpected column " + column.GetType()),
    };

    private static ReadOnlySpan<T> ListRow<T>(ListColumn<T> l, int row) where T : struct
    {
        var offset = 0;
        for (var r = 0; r < row; r++) offset += l.Lengths[r];
        return l.Elements.Span.Slice(offset, l.Lengths[row]);
    }
}
