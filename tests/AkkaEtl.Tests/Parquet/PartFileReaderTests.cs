using AkkaEtl.Features;
using AkkaEtl.Parquet;
using Parquet;
using Parquet.Schema;

namespace AkkaEtl.Tests.Parquet;

/// <summary>
/// PartFileReader (the fast reader compaction uses) against RowGroupDecoder (Parquet.Net): the same batches, cell for
/// cell, for files of both writers, every column type, masks and projections.
/// </summary>
public sealed class PartFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akkaetl-reader-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly FeatureSchema Schema = new(
    [
        ColumnSpec.String("id", required: true),
        ColumnSpec.String("title"),
        ColumnSpec.String("category"),
        ColumnSpec.String("body"),
        ColumnSpec.Int32("n32"),
        ColumnSpec.Int64("n64"),
        ColumnSpec.Float("f32"),
        ColumnSpec.Double("f64"),
        ColumnSpec.Boolean("flag"),
        ColumnSpec.Timestamp("ts"),
        ColumnSpec.Int32List("idx"),
        ColumnSpec.FloatList("vals"),
    ]);

    public enum Writer { Columnar, ColumnarSmallPages, ColumnarPlainUncompressed, ParquetNet }

    [Theory]
    [InlineData(Writer.Columnar)]
    [InlineData(Writer.ColumnarSmallPages)]
    [InlineData(Writer.ColumnarPlainUncompressed)]
    [InlineData(Writer.ParquetNet)]
    public async Task Reads_what_RowGroupDecoder_reads_for_every_mask_and_projection(Writer writer)
    {
        int[] sizes = [3000, 1, 517, 0, 64];
        var groups = sizes.Where(n => n > 0).Select((n, g) => MakeBatch(seed: 100 + g, n)).ToList();
        var path = await WriteAsync(writer, groups);

        await using var expected = await RowGroupDecoder.OpenAsync(path, Schema, Ct);
        await using var actual = await PartFileReader.OpenAsync(path, Schema, Ct);
        Assert.Null(actual.FallbackReason);
        Assert.Equal(expected.RowGroupCount, actual.RowGroupCount);

        FeatureSchema[] projections =
        [
            Schema,
            SchemaProjection.Of(Schema, ["id", "ts"]),
            new FeatureSchema(Schema.Columns.Reverse()),
            new FeatureSchema([Schema[Schema.IndexOf("vals")], Schema[Schema.IndexOf("body")], Schema[Schema.IndexOf("flag")]]),
        ];
        var rnd = new Random(5);
        for (var g = 0; g < actual.RowGroupCount; g++)
        {
            var rows = (int)actual.RowCount(g);
            Assert.Equal(expected.RowCount(g), rows);
            var masks = new (string Name, bool[]? Keep)[]
            {
                ("no mask", null),
                ("all", Enumerable.Repeat(true, rows).ToArray()),
                ("none", new bool[rows]),
                ("alternating", Enumerable.Range(0, rows).Select(r => r % 2 == 0).ToArray()),
                ("random", Enumerable.Range(0, rows).Select(_ => rnd.Next(100) < 95).ToArray()),
            };
            foreach (var projection in projections)
                foreach (var (name, keep) in masks)
                {
                    var what = $"{writer}, row group {g}, {name}, [{string.Join(',', projection.Columns.Select(c => c.Name))}]";
                    // Not the array itself, nor "keep is null ? null : ...": a null array converts to an empty mask, not to "no mask".
                    var mask = keep is null ? (ReadOnlyMemory<bool>?)null : keep;
                    var want = await expected.ReadAsync(g, projection, mask, Ct);
                    var got = await actual.ReadAsync(g, projection, mask, Ct);
                    AssertSameBatch(want, got, what);
                }
            // And what was written, to be sure both are right.
            AssertSameBatch(groups[g], await actual.ReadAsync(g, Ct), $"{writer}, row group {g} as written");
        }
        Assert.Null(actual.FallbackReason);
    }

    [Fact]
    public async Task Appends_to_a_batch_that_already_has_rows()
    {
        var path = await WriteAsync(Writer.Columnar, [MakeBatch(1, 200), MakeBatch(2, 300)]);
        await using var expected = await RowGroupDecoder.OpenAsync(path, Schema, Ct);
        await using var actual = await PartFileReader.OpenAsync(path, Schema, Ct);
        var keep = Enumerable.Range(0, 300).Select(r => r % 3 != 0).ToArray();
        var want = new RowBatch(Schema);
        var got = new RowBatch(Schema);
        await expected.ReadIntoAsync(0, want, null, Ct);
        await expected.ReadIntoAsync(1, want, keep, Ct);
        await actual.ReadIntoAsync(0, got, null, Ct);
        await actual.ReadIntoAsync(1, got, keep, Ct);
        AssertSameBatch(want, got, "two row groups into one batch");
    }

    [Fact]
    public async Task Falls_back_to_Parquet_Net_for_a_codec_it_does_not_decode()
    {
        var groups = new List<RowBatch> { MakeBatch(3, 400) };
        var path = Path.Combine(_dir, "gzip.parquet");
        await WriteWithParquetNetAsync(path, groups, new ParquetOptions { CompressionMethod = CompressionMethod.Gzip });

        await using var actual = await PartFileReader.OpenAsync(path, Schema, Ct);
        Assert.Contains("codec", actual.FallbackReason);
        var keep = Enumerable.Range(0, 400).Select(r => r % 5 != 0).ToArray();
        await using var expected = await RowGroupDecoder.OpenAsync(path, Schema, Ct);
        AssertSameBatch(await expected.ReadAsync(0, Schema, keep, Ct), await actual.ReadAsync(0, Schema, keep, Ct), "gzip");
    }

    [Fact]
    public async Task Refuses_a_file_of_another_schema_like_RowGroupDecoder()
    {
        var path = await WriteAsync(Writer.Columnar, [MakeBatch(4, 10)]);
        var other = new FeatureSchema(Schema.Columns.Where(c => c.Name != "flag"));
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await PartFileReader.OpenAsync(path, other, Ct));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task Reports_a_corrupt_page_as_invalid_data()
    {
        var path = await WriteAsync(Writer.ColumnarPlainUncompressed, [MakeBatch(6, 300)]);
        var footer = await ParquetFooter.ReadAsync(path, Ct);
        // The 4-byte length before the first 'id' value (plain, uncompressed, no levels: right after the page header), made huge.
        var range = RowGroupRelocator.RangeOf(footer.RowGroups[0].Columns[Schema.IndexOf("id")]);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var first = System.Text.Encoding.UTF8.GetBytes(((StringColumn)MakeBatch(6, 1).Column(0))[0]!);
        var at = (int)range.Start + bytes.AsSpan((int)range.Start).IndexOf(first);
        Assert.Equal(first.Length, BitConverter.ToInt32(bytes, at - 4));
        bytes.AsSpan(at - 4, 4).Fill(0x7F);
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using var reader = await PartFileReader.OpenAsync(path, Schema, Ct);
        var batch = new RowBatch(Schema);
        await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadIntoAsync(0, batch, null, Ct));
        Assert.Equal(0, batch.RowCount);
        Assert.All(Enumerable.Range(0, Schema.Columns.Count), c => Assert.Equal(0, batch.Column(c).Count));
    }

    // ---- data ----

    private static RowBatch MakeBatch(int seed, int rows)
    {
        var rnd = new Random(seed);
        string[] words = ["alpha", "Bêta", "γάμμα", "дельта", "漢字", "emoji 🚀", "𝄞 clef", "", "tab\tand \"quotes\"", "x"];
        string[] categories = ["engineering", "sales", "", "ventes & marketing", "販売"];
        var batch = new RowBatch(Schema);
        for (var r = 0; r < rows; r++)
        {
            bool Null(int percent) => rnd.Next(100) < percent;
            batch.BeginRow();
            batch.SetString(0, $"job-{seed}-{r}-{words[rnd.Next(words.Length)]}");
            batch.SetString(1, Null(10) ? null : Null(5) ? "" : string.Join(' ', Enumerable.Range(0, rnd.Next(1, 6)).Select(_ => words[rnd.Next(words.Length)])));
            batch.SetString(2, Null(10) ? null : categories[rnd.Next(categories.Length)]);
            // Now and then a value larger than a small page.
            batch.SetString(3, Null(10) ? null : Null(3) ? new string('é', 3000) + "🚀" + r : string.Join(' ', Enumerable.Range(0, rnd.Next(0, 40)).Select(_ => words[rnd.Next(words.Length)])));
            batch.SetInt32(4, Null(20) ? null : rnd.Next(int.MinValue, int.MaxValue));
            batch.SetInt64(5, Null(20) ? null : rnd.NextInt64(long.MinValue, long.MaxValue));
            batch.SetFloat(6, Null(20) ? null : Null(2) ? float.NaN : (float)(rnd.NextDouble() * 2e6 - 1e6));
            batch.SetDouble(7, Null(20) ? null : rnd.NextDouble() * 1e12 - 5e11);
            batch.SetBoolean(8, Null(30) ? null : rnd.Next(2) == 0);
            batch.SetTimestamp(9, Null(15) ? null : new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(rnd.NextInt64(0, 90L * 365 * 864_000_000_000)));
            batch.SetInt32List(10, Enumerable.Range(0, Null(20) ? 0 : rnd.Next(1, 13)).Select(_ => rnd.Next(int.MinValue, int.MaxValue)).ToArray());
            // Now and then a list longer than a small page.
            batch.SetFloatList(11, Enumerable.Range(0, Null(20) ? 0 : Null(2) ? 2000 : rnd.Next(1, 13)).Select(_ => (float)(rnd.NextDouble() * 2 - 1)).ToArray());
            batch.SetString(Schema.SourceFileIndex, $"raw/part-{seed}.jsonl");
            batch.SetInt64(Schema.SourceLineIndex, r + 1);
            Assert.True(batch.EndRow(), batch.RejectReason);
        }
        return batch;
    }

    private async Task<string> WriteAsync(Writer writer, IReadOnlyList<RowBatch> groups)
    {
        var path = Path.Combine(_dir, $"{writer}-{Guid.NewGuid():N}.parquet");
        if (writer == Writer.ParquetNet)
        {
            await WriteWithParquetNetAsync(path, groups, PartFileWriter.Options);
            return path;
        }
        var options = writer switch
        {
            Writer.ColumnarSmallPages => new ColumnarParquetWriterOptions { PageBytes = 1024 },
            Writer.ColumnarPlainUncompressed => new ColumnarParquetWriterOptions { Snappy = false, DictionaryMaxEntries = 0, PageBytes = 8192 },
            _ => ColumnarParquetWriterOptions.Default,
        };
        await using var file = File.Create(path);
        await using var w = await ColumnarParquetWriter.CreateAsync(file, new ParquetSchemaMap(Schema), null, options, Ct);
        foreach (var g in groups) await w.WriteAsync(g, Ct);
        await w.CompleteAsync(Ct);
        return path;
    }

    // As parts were written before ColumnarParquetWriter (see benchmarks/ParquetWriteBench/ParquetNetRowGroupWriter.cs).
    private static async Task WriteWithParquetNetAsync(string path, IReadOnlyList<RowBatch> groups, ParquetOptions options)
    {
        var map = new ParquetSchemaMap(Schema);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(map.Parquet, stream, options, false, Ct);
        foreach (var batch in groups)
        {
            using var rg = writer.CreateRowGroup();
            for (var i = 0; i < map.DataFields.Count; i++)
            {
                var field = map.DataFields[i];
                var spec = map.Features[i];
                switch (batch.Column(i))
                {
                    case StringColumn s: await WriteStringsAsync(rg, field, spec, s); break;
                    case ValueColumn<int> c: await WriteValuesAsync(rg, field, spec, c); break;
                    case ValueColumn<long> c: await WriteValuesAsync(rg, field, spec, c); break;
                    case ValueColumn<float> c: await WriteValuesAsync(rg, field, spec, c); break;
                    case ValueColumn<double> c: await WriteValuesAsync(rg, field, spec, c); break;
                    case ValueColumn<bool> c: await WriteValuesAsync(rg, field, spec, c); break;
                    case ValueColumn<DateTime> c: await WriteValuesAsync(rg, field, spec, c); break;
                    case ListColumn<int> l: await WriteListAsync(rg, field, l); break;
                    case ListColumn<float> l: await WriteListAsync(rg, field, l); break;
                    default: throw new InvalidOperationException($"no writer for column {spec.Name}");
                }
            }
            rg.CompleteValidate();
        }
    }

    private static async Task WriteStringsAsync(ParquetRowGroupWriter rg, DataField field, ColumnSpec spec, StringColumn s)
    {
        var memories = new ReadOnlyMemory<char>?[s.Count];
        s.FillMemories(memories);
        if (spec.Required)
            await rg.WriteAsync<ReadOnlyMemory<char>>(field, memories.Select(m => m!.Value).ToArray(), null, null, Ct);
        else
            await rg.WriteAsync<ReadOnlyMemory<char>>(field, memories, null, null, Ct);
    }

    private static async Task WriteValuesAsync<T>(ParquetRowGroupWriter rg, DataField field, ColumnSpec spec, ValueColumn<T> c) where T : struct
    {
        if (spec.Required) await rg.WriteAsync<T>(field, c.Values.ToArray().Select(v => v!.Value).ToArray(), null, null, Ct);
        else await rg.WriteAsync<T>(field, c.Values.Memory, null, null, Ct);
    }

    // Three-level lists with required elements: definition 2 = an element, 1 = an empty list; repetition 1 continues a row's list.
    private static async Task WriteListAsync<T>(ParquetRowGroupWriter rg, DataField element, ListColumn<T> l) where T : struct
    {
        var def = new List<int>();
        var rep = new List<int>();
        foreach (var n in l.Lengths.Span)
        {
            if (n == 0)
            {
                def.Add(1);
                rep.Add(0);
                continue;
            }
            for (var j = 0; j < n; j++)
            {
                def.Add(2);
                rep.Add(j == 0 ? 0 : 1);
            }
        }
        await rg.WriteAllPartsAsync<T>(element, l.Elements.Memory, def.ToArray(), rep.ToArray(), Ct);
    }

    // ---- comparison ----

    private static void AssertSameBatch(RowBatch expected, RowBatch actual, string what)
    {
        Assert.True(expected.RowCount == actual.RowCount, $"{what}: {actual.RowCount} rows, expected {expected.RowCount}");
        Assert.Equal(expected.Schema.Columns.Count, actual.Schema.Columns.Count);
        for (var c = 0; c < expected.Schema.Columns.Count; c++)
        {
            var name = $"{what}, column '{expected.Schema[c].Name}'";
            var e = expected.Column(c);
            var a = actual.Column(c);
            Assert.True(e.Count == a.Count, $"{name}: {a.Count} values, expected {e.Count}");
            switch (e)
            {
                case StringColumn s:
                    var t = (StringColumn)a;
                    for (var r = 0; r < s.Count; r++)
                        Assert.True(s.IsNull(r) == t.IsNull(r) && s.Span(r).SequenceEqual(t.Span(r)), $"{name}, row {r}: '{t[r]}', expected '{s[r]}'");
                    break;
                case ValueColumn<DateTime> d:
                    var dates = ((ValueColumn<DateTime>)a).Values.Span;
                    for (var r = 0; r < d.Count; r++)
                        Assert.True(d.Values[r] == dates[r] && d.Values[r]?.Kind == dates[r]?.Kind, $"{name}, row {r}: {dates[r]:O}, expected {d.Values[r]:O}");
                    break;
                case ValueColumn<int> v: AssertSameValues(v, a, name); break;
                case ValueColumn<long> v: AssertSameValues(v, a, name); break;
                case ValueColumn<float> v: AssertSameValues(v, a, name); break;
                case ValueColumn<double> v: AssertSameValues(v, a, name); break;
                case ValueColumn<bool> v: AssertSameValues(v, a, name); break;
                case ListColumn<int> l: AssertSameLists(l, a, name); break;
                case ListColumn<float> l: AssertSameLists(l, a, name); break;
                default: throw new InvalidOperationException(name);
            }
            Assert.True(e.EstimatedBytes == a.EstimatedBytes, $"{name}: estimated {a.EstimatedBytes} bytes, expected {e.EstimatedBytes}");
        }
    }

    private static void AssertSameValues<T>(ValueColumn<T> expected, ColumnBuffer actual, string name) where T : struct
    {
        var a = ((ValueColumn<T>)actual).Values.Span;
        for (var r = 0; r < expected.Count; r++)
            Assert.True(Equals(expected.Values[r], a[r]), $"{name}, row {r}: {a[r]}, expected {expected.Values[r]}");
    }

    private static void AssertSameLists<T>(ListColumn<T> expected, ColumnBuffer actual, string name) where T : struct
    {
        var a = (ListColumn<T>)actual;
        Assert.True(expected.Lengths.Span.SequenceEqual(a.Lengths.Span), $"{name}: list lengths differ");
        Assert.True(expected.Elements.Span.SequenceEqual(a.Elements.Span), $"{name}: list elements differ");
    }
}
