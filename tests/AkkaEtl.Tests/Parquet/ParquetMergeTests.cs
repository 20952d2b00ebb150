using System.Diagnostics;
using System.Text.Json;
using AkkaEtl.Features;
using AkkaEtl.Parquet;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Meta;
using Parquet.Serialization;

namespace AkkaEtl.Tests.Parquet;

public sealed class ParquetMergeTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akkaetl-merge-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Every column type, nullable and required.
    private static readonly FeatureSchema Schema = new(
    [
        ColumnSpec.String("id", required: true),
        ColumnSpec.String("title"),
        ColumnSpec.Int32("n32"),
        ColumnSpec.Int64("n64"),
        ColumnSpec.Float("f32"),
        ColumnSpec.Double("f64"),
        ColumnSpec.Boolean("flag"),
        ColumnSpec.Timestamp("ts"),
        ColumnSpec.Int32List("idx"),
        ColumnSpec.FloatList("vals"),
    ]);

    private sealed record Row(
        string Id, string? Title, int? N32, long? N64, float? F32, double? F64, bool? Flag, DateTime? Ts,
        int[] Idx, float[] Vals, string SourceFile, long SourceLine);

    // ---- merging ----

    [Fact]
    public async Task Merge_copies_row_groups_in_order_into_files_within_the_row_limit()
    {
        int[][] layouts = [[1000, 1000, 1000], [700, 1300, 400], [1000, 1000, 1000], [2500, 10, 900]];
        var parts = new List<string>();
        var expected = new List<Row>();
        for (var p = 0; p < layouts.Length; p++)
        {
            var groups = MakeGroups(seed: p, $"raw/part-{p}.jsonl", layouts[p]);
            parts.Add(await WritePartAsync($"part-{p}.parquet", groups, new Dictionary<string, string> { ["part"] = p.ToString(), ["writer"] = "test" }));
            expected.AddRange(groups.SelectMany(g => g));
        }
        const int limit = 2500;

        var merged = await new ParquetFileMerger(new ParquetMergeOptions { MaxRowsPerFile = limit })
            .MergeAsync(parts, i => Path.Combine(_dir, "out", $"merged-{i:D3}.parquet"), Ct);

        // Greedy packing of the row groups, in order: a new file when the next group would pass the limit.
        var packed = new List<List<int>> { new() };
        foreach (var n in layouts.SelectMany(l => l))
        {
            if (packed[^1].Sum() + n > limit) packed.Add([]);
            packed[^1].Add(n);
        }
        Assert.Equal(packed.Count, merged.Count);
        Assert.Equal(expected.Count, merged.Sum(m => m.Rows));
        for (var f = 0; f < merged.Count; f++)
        {
            var m = merged[f];
            Assert.Equal(Path.Combine(_dir, "out", $"merged-{f:D3}.parquet"), m.Path);
            Assert.True(m.Rows <= limit, $"{m.Path} has {m.Rows} rows");
            Assert.Equal(packed[f].Sum(), m.Rows);
            Assert.Equal(packed[f].Count, m.RowGroups);
            Assert.Equal(new FileInfo(m.Path).Length, m.Bytes);
            var footer = await ParquetFooter.ReadAsync(m.Path, Ct);
            Assert.Equal(packed[f].Select(n => (long)n), footer.RowGroups.Select(g => g.NumRows));
            Assert.Equal(m.Rows, footer.NumRows);
            Assert.Equal(new Dictionary<string, string> { ["part"] = "0", ["writer"] = "test" },
                footer.KeyValueMetadata!.ToDictionary(kv => kv.Key, kv => kv.Value ?? ""));
        }

        var offset = 0;
        foreach (var m in merged)
        {
            var slice = expected.GetRange(offset, (int)m.Rows);
            AssertSameRows(slice, await ReadWithParquetNetAsync(m.Path), $"Parquet.Net, {m.Path}");
            AssertSameRows(slice, ReadWithDuckDb(m.Path), $"DuckDB, {m.Path}");
            AssertSameRows(slice, await ReadWithDecoderAsync(m.Path), $"RowGroupDecoder, {m.Path}");
            AssertDuckDbStatisticsAgree(m.Path, slice);
            offset += (int)m.Rows;
        }

        // All merged files at once, as a query would see the partition.
        AssertSameRows(expected, ReadWithDuckDb(Path.Combine(_dir, "out", "merged-*.parquet")), "DuckDB over all files");
        await AssertChunksCopiedByteForByteAsync(parts, merged);
    }

    [Fact]
    public async Task Merge_takes_selected_row_groups_and_metadata_given_as_options()
    {
        var a = MakeGroups(seed: 10, "raw/a.jsonl", [300, 200, 100]);
        var b = MakeGroups(seed: 11, "raw/b.jsonl", [50, 400]);
        var pa = await WritePartAsync("a.parquet", a);
        var pb = await WritePartAsync("b.parquet", b);

        var merged = await new ParquetFileMerger(new ParquetMergeOptions
        {
            KeyValueMetadata = new Dictionary<string, string> { ["day"] = "2024-01-02" },
            CreatedBy = "AkkaEtl compaction",
        }).MergeAsync([new MergeInput(pb, [1]), new MergeInput(pa, [2, 0])], i => Path.Combine(_dir, $"sel-{i}.parquet"), Ct);

        var m = Assert.Single(merged);
        Assert.Equal(800, m.Rows);
        Assert.Equal(3, m.RowGroups);
        AssertSameRows([.. b[1], .. a[2], .. a[0]], ReadWithDuckDb(m.Path), "DuckDB");
        var footer = await ParquetFooter.ReadAsync(m.Path, Ct);
        Assert.Equal("AkkaEtl compaction", footer.CreatedBy);
        Assert.Equal("2024-01-02", Assert.Single(footer.KeyValueMetadata!, kv => kv.Key == "day").Value);
        Assert.Equal([0, 1, 2], footer.RowGroups.Select(g => (int)g.Ordinal!.Value));
    }

    [Fact]
    public async Task Merge_of_nothing_writes_nothing()
    {
        var empty = await new ParquetFileMerger().MergeAsync(Array.Empty<string>(), i => Path.Combine(_dir, $"none-{i}.parquet"), Ct);
        Assert.Empty(empty);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Merge_refuses_an_input_with_another_schema_and_names_it()
    {
        var good = await WritePartAsync("good.parquet", MakeGroups(1, "raw/g.jsonl", [100]));
        var otherSchema = new FeatureSchema(Schema.Columns.Select(c => c.Name == "n32" ? ColumnSpec.Int64("n32") : c));
        var batch = new RowBatch(otherSchema);
        batch.BeginRow();
        batch.SetString(0, "x");
        batch.SetInt64(2, 5);
        batch.SetString(otherSchema.SourceFileIndex, "raw/o.jsonl");
        batch.SetInt64(otherSchema.SourceLineIndex, 1);
        Assert.True(batch.EndRow());
        var bad = Path.Combine(_dir, "bad.parquet");
        await using (var w = await PartFileWriter.CreateAsync(bad, new ParquetSchemaMap(otherSchema), null, Ct))
        {
            await w.WriteAsync(batch, Ct);
            await w.CompleteAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new ParquetFileMerger().MergeAsync([good, bad], i => Path.Combine(_dir, $"mixed-{i}.parquet"), Ct));
        output.WriteLine(error.Message);
        Assert.Contains(bad, error.Message);
        Assert.Contains("n32", error.Message);
        Assert.Empty(Directory.GetFiles(_dir, "mixed-*"));
    }

    [Fact]
    public async Task Merge_refuses_a_row_group_over_the_limit()
    {
        var small = await WritePartAsync("small.parquet", MakeGroups(2, "raw/s.jsonl", [100]));
        var big = await WritePartAsync("big.parquet", MakeGroups(3, "raw/b.jsonl", [200, 3000]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            new ParquetFileMerger(new ParquetMergeOptions { MaxRowsPerFile = 2500 })
                .MergeAsync([small, big], i => Path.Combine(_dir, $"over-{i}.parquet"), Ct));
        output.WriteLine(error.Message);
        Assert.Contains(big, error.Message);
        Assert.Contains("row group 1", error.Message);
        Assert.Contains("3,000", error.Message);
        Assert.Empty(Directory.GetFiles(_dir, "over-*"));
    }

    [Fact]
    public async Task Merge_refuses_to_overwrite_an_input()
    {
        var part = await WritePartAsync("self.parquet", MakeGroups(12, "raw/self.jsonl", [10]));
        var before = await File.ReadAllBytesAsync(part, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => new ParquetFileMerger().MergeAsync([part], _ => part, Ct));
        Assert.Equal(before, await File.ReadAllBytesAsync(part, Ct));
    }

    // ---- footer ----

    [Fact]
    public async Task Footer_of_a_Parquet_Net_file_serializes_to_the_same_bytes()
    {
        var part = await WritePartAsync("footer.parquet", MakeGroups(4, "raw/f.jsonl", [300, 300]), new Dictionary<string, string> { ["k"] = "v" });
        var raw = await ParquetFooter.ReadRawAsync(part, Ct);
        var metadata = await ParquetFooter.ReadAsync(part, Ct);

        Assert.Equal(raw, FileMetaDataSerializer.Serialize(metadata));
    }

    [Fact]
    public async Task Footer_with_every_field_set_reads_back_equal_in_Parquet_Net()
    {
        var part = await WritePartAsync("rich.parquet", MakeGroups(5, "raw/r.jsonl", [200, 100]));
        var metadata = await ParquetFooter.ReadAsync(part, Ct);
        Enrich(metadata);

        var rewritten = await ReplaceFooterAsync(part, metadata);
        await using var reader = await ParquetReader.CreateAsync(rewritten, null, Ct);

        Assert.Equal(Json(metadata), Json(reader.Metadata!));
        Assert.Equal("v", reader.CustomMetadata["k"]);
    }

    [Fact]
    public async Task Footer_logical_types_read_back_equal_in_Parquet_Net()
    {
        var part = await WritePartAsync("logical.parquet", MakeGroups(6, "raw/l.jsonl", [10]));
        var metadata = await ParquetFooter.ReadAsync(part, Ct);
        // Annotations outside this project's schema, as extra top-level columns.
        SchemaElement Leaf(string name, global::Parquet.Meta.Type type, LogicalType? logical, ConvertedType? converted = null, int? length = null) =>
            new() { Name = name, Type = type, TypeLength = length, RepetitionType = FieldRepetitionType.OPTIONAL, ConvertedType = converted, LogicalType = logical };
        SchemaElement Group(string name, int children, LogicalType? logical, ConvertedType? converted = null, FieldRepetitionType repetition = FieldRepetitionType.OPTIONAL) =>
            new() { Name = name, RepetitionType = repetition, NumChildren = children, ConvertedType = converted, LogicalType = logical };
        var i32 = global::Parquet.Meta.Type.INT32;
        var i64 = global::Parquet.Meta.Type.INT64;
        var bytes = global::Parquet.Meta.Type.BYTE_ARRAY;
        var dec = Leaf("dec", i32, new LogicalType { DECIMAL = new DecimalType { Scale = 2, Precision = 9 } }, ConvertedType.DECIMAL);
        dec.Scale = 2;
        dec.Precision = 9;
        var u16 = Leaf("u16", i32, new LogicalType { INTEGER = new IntType { BitWidth = 16, IsSigned = false } }, ConvertedType.UINT_16);
        u16.FieldId = 42;
        var key = Leaf("key", bytes, new LogicalType { STRING = new StringType() }, ConvertedType.UTF8);
        key.RepetitionType = FieldRepetitionType.REQUIRED;
        var variantMetadata = Leaf("metadata", bytes, null);
        variantMetadata.RepetitionType = FieldRepetitionType.REQUIRED;
        var variantValue = Leaf("value", bytes, null);
        variantValue.RepetitionType = FieldRepetitionType.REQUIRED;
        var extra = new List<SchemaElement>
        {
            dec,
            Leaf("date", i32, new LogicalType { DATE = new DateType() }, ConvertedType.DATE),
            Leaf("time_ms", i32, new LogicalType { TIME = new TimeType { IsAdjustedToUTC = false, Unit = new TimeUnit { MILLIS = new MilliSeconds() } } }, ConvertedType.TIME_MILLIS),
            Leaf("time_us", i64, new LogicalType { TIME = new TimeType { IsAdjustedToUTC = true, Unit = new TimeUnit { MICROS = new MicroSeconds() } } }, ConvertedType.TIME_MICROS),
            Leaf("ts_ms", i64, new LogicalType { TIMESTAMP = new TimestampType { IsAdjustedToUTC = false, Unit = new TimeUnit { MILLIS = new MilliSeconds() } } }, ConvertedType.TIMESTAMP_MILLIS),
            Leaf("ts_ns", i64, new LogicalType { TIMESTAMP = new TimestampType { IsAdjustedToUTC = true, Unit = new TimeUnit { NANOS = new NanoSeconds() } } }),
            u16,
            Leaf("i8", i32, new LogicalType { INTEGER = new IntType { BitWidth = 8, IsSigned = true } }, ConvertedType.INT_8),
            Leaf("json", bytes, new LogicalType { JSON = new JsonType() }, ConvertedType.JSON),
            Leaf("bson", bytes, new LogicalType { BSON = new BsonType() }), // DuckDB refuses converted type BSON
            Leaf("uuid", global::Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY, new LogicalType { UUID = new UUIDType() }, length: 16),
            Leaf("enum", bytes, new LogicalType { ENUM = new EnumType() }, ConvertedType.ENUM),
            Leaf("f16", global::Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY, new LogicalType { FLOAT16 = new Float16Type() }, length: 2),
            Leaf("null", i32, new LogicalType { UNKNOWN = new NullType() }),
            Leaf("geometry", bytes, new LogicalType { GEOMETRY = new GeometryType { Crs = "OGC:CRS84" } }),
            Leaf("geography", bytes, new LogicalType { GEOGRAPHY = new GeographyType { Crs = "OGC:CRS84", Algorithm = EdgeInterpolationAlgorithm.KARNEY } }),
            Group("map", 1, new LogicalType { MAP = new MapType() }, ConvertedType.MAP),
            Group("key_value", 2, null, null, FieldRepetitionType.REPEATED),
            key,
            Leaf("value", i32, null),
            Group("variant", 2, new LogicalType { VARIANT = new VariantType { SpecificationVersion = 1 } }),
            variantMetadata,
            variantValue,
        };
        metadata.Schema.AddRange(extra);
        metadata.Schema[0].NumChildren += 18;
        // Without column chunks for the new leaves, the file is only consistent with no row groups.
        metadata.RowGroups.Clear();
        metadata.NumRows = 0;

        var rewritten = await ReplaceFooterAsync(part, metadata);
        await using (var reader = await ParquetReader.CreateAsync(rewritten, null, Ct))
            Assert.Equal(Json(metadata.Schema), Json(reader.Metadata!.Schema));

        // DuckDB's own footer reader, as a second opinion on the field ids.
        const string none = "MILLIS=<null>, MICROS=<null>, NANOS=<null>";
        AssertDuckDbSchema(rewritten, metadata.Schema, new Dictionary<string, string>
        {
            ["dec"] = "DecimalType(scale=2, precision=9)",
            ["date"] = "DateType()",
            ["time_ms"] = "TimeType(isAdjustedToUTC=0, unit=TimeUnit(" + none.Replace("MILLIS=<null>", "MILLIS=MilliSeconds()") + "))",
            ["time_us"] = "TimeType(isAdjustedToUTC=1, unit=TimeUnit(" + none.Replace("MICROS=<null>", "MICROS=MicroSeconds()") + "))",
            ["ts_ms"] = "TimestampType(isAdjustedToUTC=0, unit=TimeUnit(" + none.Replace("MILLIS=<null>", "MILLIS=MilliSeconds()") + "))",
            ["ts_ns"] = "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(" + none.Replace("NANOS=<null>", "NANOS=NanoSeconds()") + "))",
            ["ts"] = "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(" + none.Replace("MICROS=<null>", "MICROS=MicroSeconds()") + "))",
            ["u16"] = "isSigned=0)",
            ["i8"] = "isSigned=1)",
            ["json"] = "JsonType()",
            ["bson"] = "BsonType()",
            ["uuid"] = "UUIDType()",
            ["enum"] = "EnumType()",
            ["f16"] = "Float16Type()",
            ["null"] = "NullType()",
            ["geometry"] = "GeometryType(crs=OGC:CRS84)",
            ["geography"] = "GeographyType(crs=OGC:CRS84, algorithm=KARNEY)",
            ["map"] = "MapType()",
            ["key"] = "StringType()",
            ["idx"] = "ListType()",
            ["id"] = "StringType()",
        });
    }

    // ---- decoding ----

    [Fact]
    public async Task Decoder_reads_row_groups_back_including_lists_and_filters_rows()
    {
        var groups = MakeGroups(seed: 7, "raw/d.jsonl", [1000, 777, 1]);
        var part = await WritePartAsync("decode.parquet", groups);

        await using var decoder = await RowGroupDecoder.OpenAsync(part, Schema, Ct);
        Assert.Equal(3, decoder.RowGroupCount);
        for (var g = 0; g < groups.Count; g++)
        {
            Assert.Equal(groups[g].Count, decoder.RowCount(g));
            var batch = await decoder.ReadAsync(g, Ct);
            Assert.Equal(groups[g].Count, batch.RowCount);
            AssertSameRows(groups[g], ToRows(batch), $"row group {g}");
            Assert.True(batch.EstimatedBytes > 0);

            var keep = Enumerable.Range(0, groups[g].Count).Select(r => r % 3 != 1).ToArray();
            var kept = groups[g].Where((_, r) => keep[r]).ToList();
            AssertSameRows(kept, ToRows(await decoder.ReadAsync(g, Schema, keep, Ct)), $"row group {g}, masked");
            AssertSameRows(kept, ToRows(RowBatchFilter.Filter(batch, keep)), $"row group {g}, filtered");
        }

        // Key columns only, for a first pass.
        var keys = SchemaProjection.Of(Schema, ["id", "ts"]);
        Assert.Equal(["id", "ts", "source_file", "source_line"], keys.Columns.Select(c => c.Name));
        var keyBatch = await decoder.ReadAsync(1, keys, null, Ct);
        Assert.Equal(groups[1].Count, keyBatch.RowCount);
        var ids = ((StringColumn)keyBatch.Column(0)).ToArray();
        var ts = ((ValueColumn<DateTime>)keyBatch.Column(1)).Values.ToArray();
        var lines = ((ValueColumn<long>)keyBatch.Column(3)).Values.ToArray();
        Assert.Equal(groups[1].Select(r => r.Id), ids);
        Assert.Equal(groups[1].Select(r => r.Ts), ts);
        Assert.Equal(groups[1].Select(r => (long?)r.SourceLine), lines);
        Assert.All(ts, t => Assert.True(t is null || t.Value.Kind == DateTimeKind.Utc));
    }

    [Fact]
    public async Task Decoded_survivors_rewritten_as_a_part_merge_with_copied_row_groups()
    {
        // The deduplication path: row group 1 loses rows, is decoded with a mask, rewritten, and merged between copies.
        var groups = MakeGroups(seed: 8, "raw/x.jsonl", [400, 500, 300]);
        var part = await WritePartAsync("dedup.parquet", groups);
        var keep = Enumerable.Range(0, 500).Select(r => r % 4 != 0).ToArray();

        var survivors = new RowBatch(Schema);
        await using (var decoder = await RowGroupDecoder.OpenAsync(part, Schema, Ct))
            await decoder.ReadIntoAsync(1, survivors, keep, Ct);
        var rewritten = Path.Combine(_dir, "rewritten.parquet");
        await using (var w = await PartFileWriter.CreateAsync(rewritten, new ParquetSchemaMap(Schema), null, Ct))
        {
            await w.WriteAsync(survivors, Ct);
            await w.CompleteAsync();
        }

        var merged = await new ParquetFileMerger().MergeAsync(
            [new MergeInput(part, [0]), new MergeInput(rewritten), new MergeInput(part, [2])], i => Path.Combine(_dir, $"dedup-{i}.parquet"), Ct);

        var m = Assert.Single(merged);
        List<Row> expected = [.. groups[0], .. groups[1].Where((_, r) => keep[r]), .. groups[2]];
        AssertSameRows(expected, ReadWithDuckDb(m.Path), "DuckDB");
        AssertSameRows(expected, await ReadWithParquetNetAsync(m.Path), "Parquet.Net");
    }

    [Fact]
    public async Task Encoded_inputs_are_made_a_few_ahead_and_written_in_order_between_copied_row_groups()
    {
        // Compaction's path: row groups that lose rows are re-encoded in memory and written straight into the output.
        var groups = MakeGroups(seed: 12, "raw/e.jsonl", [400, 500, 300, 200, 600]);
        var part = await WritePartAsync("encoded.parquet", groups);
        var keep1 = Enumerable.Range(0, 500).Select(r => r % 3 != 0).ToArray();
        var keep3 = Enumerable.Range(0, 200).Select(r => r % 2 == 0).ToArray();
        var encoder = new CountingEncoder(part);

        var merged = await new ParquetFileMerger(new ParquetMergeOptions { MaxRowsPerFile = 1000 }).MergeAsync(
            [
                new MergeInput(part, [0]),
                encoder.Input(1, keep1),
                new MergeInput(part, [2]),
                encoder.Input(3, keep3),
                new MergeInput(part, [4]),
            ], i => Path.Combine(_dir, $"enc-{i}.parquet"), Ct);

        List<Row> expected = [.. groups[0], .. groups[1].Where((_, r) => keep1[r]), .. groups[2], .. groups[3].Where((_, r) => keep3[r]), .. groups[4]];
        Assert.Equal([400 + keep1.Count(k => k), 300 + keep3.Count(k => k) + 600], merged.Select(m => m.Rows));
        AssertSameRows(expected, ReadWithDuckDb(Path.Combine(_dir, "enc-*.parquet")), "DuckDB");
        var offset = 0;
        foreach (var m in merged)
        {
            var slice = expected.GetRange(offset, (int)m.Rows);
            AssertSameRows(slice, await ReadWithParquetNetAsync(m.Path), $"Parquet.Net, {m.Path}");
            AssertDuckDbStatisticsAgree(m.Path, slice);
            offset += (int)m.Rows;
        }
        Assert.Equal(2, encoder.Made);
        Assert.Equal(2, encoder.Released);
        Assert.True(encoder.MaxInFlight <= Math.Max(1, Environment.ProcessorCount), $"{encoder.MaxInFlight} encoded at once");
    }

    [Fact]
    public async Task A_failing_encoded_input_fails_the_merge_leaves_no_output_and_releases_what_was_made()
    {
        var groups = MakeGroups(seed: 13, "raw/f.jsonl", [100, 100, 100, 100]);
        var part = await WritePartAsync("failing.parquet", groups);
        var all = Enumerable.Repeat(true, 100).ToArray();
        var encoder = new CountingEncoder(part);

        var error = await Assert.ThrowsAsync<IOException>(() => new ParquetFileMerger(new ParquetMergeOptions { MaxRowsPerFile = 100 }).MergeAsync(
            [
                encoder.Input(0, all),
                MergeInput.Encoded("broken rewrite", 100, _ => Task.FromException<EncodedRowGroup>(new IOException("disk gone"))),
                encoder.Input(2, all),
                encoder.Input(3, all),
            ], i => Path.Combine(_dir, "fail-out", $"f-{i}.parquet"), Ct));

        Assert.Equal("disk gone", error.Message);
        Assert.Empty(Directory.Exists(Path.Combine(_dir, "fail-out")) ? Directory.GetFiles(Path.Combine(_dir, "fail-out")) : []);
        Assert.Equal(encoder.Made, encoder.Released);
    }

    // Snappy or not, page size, dictionaries for strings or PLAIN strings only.
    public static TheoryData<bool, int, bool> FilterLayouts => new() { { true, 1 << 20, true }, { true, 300, false }, { false, 200, true } };

    [Theory]
    [MemberData(nameof(FilterLayouts))]
    public async Task Page_filter_keeps_the_rows_of_the_mask_with_the_statistics_a_re_encoding_would_give(bool snappy, int pageBytes, bool dictionaries)
    {
        // Small pages put many pages in a chunk, so that masks drop whole pages as well as rows inside them.
        var groups = MakeGroups(seed: 14, "raw/p.jsonl", [900, 700]);
        var options = new ColumnarParquetWriterOptions { Snappy = snappy, PageBytes = pageBytes, DictionaryMaxEntries = dictionaries ? 16_384 : 0 };
        var part = await WritePartAsync($"filter-{snappy}-{pageBytes}.parquet", groups, options: options);
        var footer = await ParquetFooter.ReadAsync(part, Ct);
        var rnd = new Random(pageBytes);
        bool[][] masks =
        [
            Enumerable.Range(0, 900).Select(r => rnd.Next(20) != 0).ToArray(),
            Enumerable.Range(0, 700).Select(r => r is < 100 or > 400 && r % 7 != 0).ToArray(),
        ];
        using var filter = new RowGroupPageFilter();
        using var file = File.OpenHandle(part);
        for (var rg = 0; rg < groups.Count; rg++)
        {
            var expected = groups[rg].Where((_, r) => masks[rg][r]).ToList();
            var filtered = Path.Combine(_dir, $"filtered-{snappy}-{pageBytes}-{rg}.parquet");
            FileMetaData? written;
            await using (var output = File.Create(filtered))
                written = await filter.TryFilterAsync(file, footer, Schema, rg, masks[rg], output, Ct);
            Assert.NotNull(written);
            AssertSameRows(expected, ReadWithDuckDb(filtered), "DuckDB");
            AssertSameRows(expected, await ReadWithParquetNetAsync(filtered), "Parquet.Net");
            AssertDuckDbStatisticsAgree(filtered, expected);

            // The same rows decoded and written again: every chunk's statistics must match.
            var reencoded = Path.Combine(_dir, $"reencoded-{snappy}-{pageBytes}-{rg}.parquet");
            var rows = new RowBatch(Schema);
            await using (var reader = await PartFileReader.OpenAsync(part, Schema, Ct))
                await reader.ReadIntoAsync(rg, rows, masks[rg], Ct);
            await using (var w = await PartFileWriter.CreateAsync(reencoded, new ParquetSchemaMap(Schema), null, Ct))
            {
                await w.WriteAsync(rows, Ct);
                await w.CompleteAsync();
            }
            var ours = (await ParquetFooter.ReadAsync(filtered, Ct)).RowGroups.Single();
            var theirs = (await ParquetFooter.ReadAsync(reencoded, Ct)).RowGroups.Single();
            Assert.Equal(expected.Count, ours.NumRows);
            for (var c = 0; c < ours.Columns.Count; c++)
            {
                var (a, b) = (ours.Columns[c].MetaData!.Statistics!, theirs.Columns[c].MetaData!.Statistics!);
                var name = Schema[c].Name;
                Assert.True(a.NullCount == b.NullCount, $"{name}: null count {a.NullCount} vs {b.NullCount}");
                Assert.True(Same(a.MinValue, b.MinValue) && Same(a.MaxValue, b.MaxValue), $"{name}: bounds differ");
                Assert.True(Same(a.Min, b.Min) && Same(a.Max, b.Max), $"{name}: legacy bounds differ");
            }
        }

        static bool Same(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);
    }

    [Fact]
    public async Task Page_filter_declines_a_file_of_another_schema()
    {
        var part = await WritePartAsync("filter-schema.parquet", MakeGroups(15, "raw/q.jsonl", [10]));
        var footer = await ParquetFooter.ReadAsync(part, Ct);
        var other = new FeatureSchema(Schema.Columns.Where(c => c.Name != "flag"));
        using var filter = new RowGroupPageFilter();
        using var file = File.OpenHandle(part);
        Assert.Null(await filter.TryFilterAsync(file, footer, other, 0, Enumerable.Repeat(true, 10).ToArray(), Stream.Null, Ct));
    }

    /// <summary>Re-encodes row groups of a part in memory, as compaction does, counting what it makes and gets back.</summary>
    private sealed class CountingEncoder(string part)
    {
        private int _made, _released, _inFlight, _maxInFlight;
        public int Made => _made;
        public int Released => _released;
        public int MaxInFlight => _maxInFlight;

        public MergeInput Input(int rowGroup, bool[] keep) =>
            MergeInput.Encoded($"row group {rowGroup}", keep.Count(k => k), async ct =>
            {
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _maxInFlight, now);
                try
                {
                    var rows = new RowBatch(Schema);
                    await using (var reader = await PartFileReader.OpenAsync(part, Schema, ct))
                        await reader.ReadIntoAsync(rowGroup, rows, keep, ct);
                    var buffer = new MemoryStream();
                    await using var writer = await ColumnarParquetWriter.CreateAsync(buffer, new ParquetSchemaMap(Schema), ct: ct);
                    await writer.WriteAsync(rows, ct);
                    await writer.CompleteAsync(ct);
                    Interlocked.Increment(ref _made);
                    return new EncodedRowGroup(buffer, writer.Footer!, _ => Interlocked.Increment(ref _released));
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            });

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }

    [Fact]
    public async Task Decoder_refuses_a_file_of_another_schema()
    {
        var part = await WritePartAsync("schema.parquet", MakeGroups(9, "raw/s.jsonl", [10]));
        var other = new FeatureSchema(Schema.Columns.Where(c => c.Name != "flag"));
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await RowGroupDecoder.OpenAsync(part, other, Ct));
        Assert.Contains(part, error.Message);
    }

    // ---- helpers: data ----

    private static List<List<Row>> MakeGroups(int seed, string sourceFile, int[] sizes)
    {
        var rnd = new Random(seed);
        var line = 1L;
        string[] words = ["alpha", "Bêta", "γάμμα", "дельта", "漢字", "emoji 🚀", "", "tab\tand \"quotes\"", "x"];
        var groups = new List<List<Row>>();
        foreach (var size in sizes)
        {
            var rows = new List<Row>(size);
            for (var i = 0; i < size; i++, line++)
            {
                bool Null(int percent) => rnd.Next(100) < percent;
                var title = Null(10) ? null : Null(5) ? "" : string.Join(' ', Enumerable.Range(0, rnd.Next(1, 6)).Select(_ => words[rnd.Next(words.Length)]));
                // Microsecond precision, as stored.
                DateTime? ts = Null(15) ? null : new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(rnd.NextInt64(0, 6L * 365 * 864_000_000_000) / 10 * 10);
                var idx = Enumerable.Range(0, Null(20) ? 0 : rnd.Next(1, 13)).Select(_ => rnd.Next(int.MinValue, int.MaxValue)).ToArray();
                var vals = Enumerable.Range(0, Null(20) ? 0 : rnd.Next(1, 13)).Select(_ => (float)(rnd.NextDouble() * 2 - 1)).ToArray();
                rows.Add(new Row(
                    $"job-{seed}-{line}", title,
                    Null(20) ? null : rnd.Next(int.MinValue, int.MaxValue),
                    Null(20) ? null : rnd.NextInt64(long.MinValue, long.MaxValue),
                    Null(20) ? null : (float)(rnd.NextDouble() * 2e6 - 1e6),
                    Null(20) ? null : rnd.NextDouble() * 1e12 - 5e11,
                    Null(30) ? null : rnd.Next(2) == 0,
                    ts, idx, vals, sourceFile, line));
            }
            groups.Add(rows);
        }
        return groups;
    }

    private async Task<string> WritePartAsync(string name, IReadOnlyList<IReadOnlyList<Row>> groups, IReadOnlyDictionary<string, string>? metadata = null,
        ColumnarParquetWriterOptions? options = null)
    {
        var path = Path.Combine(_dir, name);
        await using var file = File.Create(path);
        await using var writer = await ColumnarParquetWriter.CreateAsync(file, new ParquetSchemaMap(Schema), metadata, options, Ct);
        foreach (var group in groups)
        {
            var batch = new RowBatch(Schema);
            foreach (var r in group)
            {
                batch.BeginRow();
                batch.SetString(0, r.Id);
                batch.SetString(1, r.Title);
                batch.SetInt32(2, r.N32);
                batch.SetInt64(3, r.N64);
                batch.SetFloat(4, r.F32);
                batch.SetDouble(5, r.F64);
                batch.SetBoolean(6, r.Flag);
                batch.SetTimestamp(7, r.Ts);
                batch.SetInt32List(8, r.Idx);
                batch.SetFloatList(9, r.Vals);
                batch.SetString(Schema.SourceFileIndex, r.SourceFile);
                batch.SetInt64(Schema.SourceLineIndex, r.SourceLine);
                Assert.True(batch.EndRow(), batch.RejectReason);
            }
            await writer.WriteAsync(batch, Ct);
        }
        await writer.CompleteAsync();
        return path;
    }

    private Task<string> WritePartAsync(string name, List<List<Row>> groups, IReadOnlyDictionary<string, string>? metadata = null,
        ColumnarParquetWriterOptions? options = null) =>
        WritePartAsync(name, groups.Cast<IReadOnlyList<Row>>().ToList(), metadata, options);

    // ---- helpers: reading back ----

    private static List<Row> ToRows(RowBatch batch)
    {
        var rows = new List<Row>(batch.RowCount);
        var s = batch.Schema;
        var idx = (ListColumn<int>)batch.Column(8);
        var vals = (ListColumn<float>)batch.Column(9);
        int idxStart = 0, valStart = 0;
        for (var r = 0; r < batch.RowCount; r++)
        {
            var idxLen = idx.Lengths[r];
            var valLen = vals.Lengths[r];
            rows.Add(new Row(
                ((StringColumn)batch.Column(0))[r]!,
                ((StringColumn)batch.Column(1))[r],
                ((ValueColumn<int>)batch.Column(2)).Values[r],
                ((ValueColumn<long>)batch.Column(3)).Values[r],
                ((ValueColumn<float>)batch.Column(4)).Values[r],
                ((ValueColumn<double>)batch.Column(5)).Values[r],
                ((ValueColumn<bool>)batch.Column(6)).Values[r],
                ((ValueColumn<DateTime>)batch.Column(7)).Values[r],
                idx.Elements.Span.Slice(idxStart, idxLen).ToArray(),
                vals.Elements.Span.Slice(valStart, valLen).ToArray(),
                ((StringColumn)batch.Column(s.SourceFileIndex))[r]!,
                ((ValueColumn<long>)batch.Column(s.SourceLineIndex)).Values[r]!.Value));
            idxStart += idxLen;
            valStart += valLen;
        }
        return rows;
    }

    private static async Task<List<Row>> ReadWithDecoderAsync(string path)
    {
        var rows = new List<Row>();
        await using var decoder = await RowGroupDecoder.OpenAsync(path, Schema, Ct);
        for (var g = 0; g < decoder.RowGroupCount; g++) rows.AddRange(ToRows(await decoder.ReadAsync(g, Ct)));
        return rows;
    }

    // Parquet.Net's row-oriented reader, independent of RowGroupDecoder.
    private static async Task<List<Row>> ReadWithParquetNetAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, null, null, Ct);
        return result.Data.Select(d =>
        {
            T? Get<T>(string key) => d.TryGetValue(key, out var v) && v is not null ? (T)v : default;
            T? Value<T>(string key) where T : struct => d.TryGetValue(key, out var v) && v is not null ? (T)v : null;
            return new Row(
                Get<string>("id")!, Get<string>("title"), Value<int>("n32"), Value<long>("n64"), Value<float>("f32"), Value<double>("f64"),
                Value<bool>("flag"), Value<DateTime>("ts"),
                Get<System.Collections.IEnumerable>("idx")?.Cast<int>().ToArray() ?? [],
                Get<System.Collections.IEnumerable>("vals")?.Cast<float>().ToArray() ?? [],
                Get<string>("source_file")!, Value<long>("source_line")!.Value);
        }).ToList();
    }

    private static List<Row> ReadWithDuckDb(string path)
    {
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, title, n32, n64, f32, f64, flag, ts::TIMESTAMP, idx, vals, source_file, source_line " +
            $"FROM read_parquet('{path}', file_row_number = true, filename = true) ORDER BY filename, file_row_number";
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            T? Value<T>(int i) where T : struct => reader.IsDBNull(i) ? null : reader.GetFieldValue<T>(i);
            rows.Add(new Row(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), Value<int>(2), Value<long>(3), Value<float>(4),
                Value<double>(5), Value<bool>(6), reader.IsDBNull(7) ? null : DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc),
                reader.GetFieldValue<List<int>>(8).ToArray(), reader.GetFieldValue<List<float>>(9).ToArray(),
                reader.GetString(10), reader.GetInt64(11)));
        }
        return rows;
    }

    // Queries that DuckDB may answer or prune with the copied statistics must agree with the data.
    private static void AssertDuckDbStatisticsAgree(string path, List<Row> rows)
    {
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        var line = rows[rows.Count / 2].SourceLine;
        var n64 = rows.Where(r => r.N64 is not null).Select(r => r.N64!.Value).ToList();
        var id = rows[rows.Count / 3].Id;
        command.CommandText =
            $"SELECT (SELECT count(*) FROM read_parquet('{path}') WHERE source_line >= {line}), " +
            $"(SELECT min(n64) FROM read_parquet('{path}')), (SELECT max(n64) FROM read_parquet('{path}')), " +
            $"(SELECT count(*) FROM read_parquet('{path}') WHERE id = '{id}'), " +
            $"(SELECT count(*) FROM read_parquet('{path}') WHERE title IS NULL)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(rows.Count(r => r.SourceLine >= line), reader.GetInt64(0));
        Assert.Equal(n64.Min(), reader.GetInt64(1));
        Assert.Equal(n64.Max(), reader.GetInt64(2));
        Assert.Equal(rows.Count(r => r.Id == id), reader.GetInt64(3));
        Assert.Equal(rows.Count(r => r.Title is null), reader.GetInt64(4));
    }

    private static void AssertDuckDbSchema(string path, List<SchemaElement> schema, IReadOnlyDictionary<string, string> logical)
    {
        using var connection = OpenDuckDb();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, num_children, converted_type, scale, precision, field_id, logical_type, type_length FROM parquet_schema('{path}')";
        using var reader = command.ExecuteReader();
        var i = 0;
        for (; reader.Read(); i++)
        {
            var e = schema[i];
            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetValue(column).ToString();
            Assert.Equal(e.Name, reader.GetString(0));
            Assert.Equal(e.NumChildren?.ToString(), Text(1));
            Assert.Equal(e.ConvertedType?.ToString(), Text(2));
            Assert.Equal(e.Scale?.ToString(), Text(3));
            Assert.Equal(e.Precision?.ToString(), Text(4));
            Assert.Equal(e.FieldId?.ToString(), Text(5));
            Assert.Equal(e.TypeLength?.ToString(), Text(7));
            if (logical.TryGetValue(e.Name, out var expected)) Assert.Contains(expected, Text(6));
        }
        Assert.Equal(schema.Count, i);
    }

    private static DuckDBConnection OpenDuckDb()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        return connection;
    }

    private static void AssertSameRows(IReadOnlyList<Row> expected, IReadOnlyList<Row> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} rows, expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            var same = e.Id == a.Id && e.Title == a.Title && e.N32 == a.N32 && e.N64 == a.N64 && Equals(e.F32, a.F32) && Equals(e.F64, a.F64)
                && e.Flag == a.Flag && e.Ts == a.Ts && (e.Ts is null || a.Ts!.Value.Kind == DateTimeKind.Utc)
                && e.Idx.AsSpan().SequenceEqual(a.Idx) && e.Vals.AsSpan().SequenceEqual(a.Vals)
                && e.SourceFile == a.SourceFile && e.SourceLine == a.SourceLine;
            Assert.True(same, $"{what}: row {i} differs\n expected {Show(e)}\n actual   {Show(a)}");
        }
    }

    private static string Show(Row r) =>
        $"{r with { Idx = [], Vals = [] }} idx=[{string.Join(',', r.Idx)}] vals=[{string.Join(',', r.Vals)}] ts.Kind={r.Ts?.Kind}";

    // ---- helpers: footers ----

    // Every copied column chunk holds exactly the bytes of its source chunk.
    private static async Task AssertChunksCopiedByteForByteAsync(IReadOnlyList<string> parts, IReadOnlyList<MergedFile> merged)
    {
        var sources = new List<(string Path, ColumnChunk Chunk)>();
        foreach (var part in parts)
            foreach (var group in (await ParquetFooter.ReadAsync(part, Ct)).RowGroups)
                sources.AddRange(group.Columns.Select(c => (part, c)));
        var targets = new List<(string Path, ColumnChunk Chunk)>();
        foreach (var m in merged)
            foreach (var group in (await ParquetFooter.ReadAsync(m.Path, Ct)).RowGroups)
                targets.AddRange(group.Columns.Select(c => (m.Path, c)));
        Assert.Equal(sources.Count, targets.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            var s = RowGroupRelocator.RangeOf(sources[i].Chunk);
            var t = RowGroupRelocator.RangeOf(targets[i].Chunk);
            Assert.Equal(s.Length, t.Length);
            Assert.Equal(await ReadRangeAsync(sources[i].Path, s), await ReadRangeAsync(targets[i].Path, t));
            Assert.Equal(Json(sources[i].Chunk.MetaData!.Statistics), Json(targets[i].Chunk.MetaData!.Statistics));
        }
    }

    private static async Task<byte[]> ReadRangeAsync(string path, ChunkRange range)
    {
        using var handle = File.OpenHandle(path);
        var bytes = new byte[range.Length];
        await FileRangeCopier.ReadExactlyAsync(handle, bytes, range.Start, Ct);
        return bytes;
    }

    // The same data pages with another footer.
    private async Task<string> ReplaceFooterAsync(string path, FileMetaData metadata)
    {
        var raw = await ParquetFooter.ReadRawAsync(path, Ct);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var data = bytes.AsSpan(0, bytes.Length - raw.Length - ParquetFooter.TrailerLength);
        var target = Path.Combine(_dir, "refooted-" + Path.GetFileName(path));
        await File.WriteAllBytesAsync(target, [.. data, .. ParquetFooter.Encode(metadata)], Ct);
        return target;
    }

    private static void Enrich(FileMetaData m)
    {
        m.KeyValueMetadata = [new KeyValue { Key = "k", Value = "v" }, new KeyValue { Key = "no-value" }, new KeyValue { Key = "ünï", Value = "códe ✓" }];
        m.CreatedBy = "test writer version 1.2.3 (build abc)";
        m.ColumnOrders = m.Schema.Where(e => e.Type is not null).Select(_ => new ColumnOrder { TYPEORDER = new TypeDefinedOrder() }).ToList();
        var k = 0;
        foreach (var group in m.RowGroups)
        {
            group.SortingColumns = [new SortingColumn { ColumnIdx = 0, Descending = false, NullsFirst = true }, new SortingColumn { ColumnIdx = 3, Descending = true, NullsFirst = false }];
            group.Ordinal = (short)k;
            group.TotalCompressedSize = group.Columns.Sum(c => c.MetaData!.TotalCompressedSize);
            group.FileOffset = group.Columns[0].MetaData!.DataPageOffset;
            foreach (var chunk in group.Columns)
            {
                k++;
                chunk.OffsetIndexOffset = 1_000_000 + k;
                chunk.OffsetIndexLength = 17 + k;
                chunk.ColumnIndexOffset = 2_000_000L + int.MaxValue + k;
                chunk.ColumnIndexLength = 29;
                var meta = chunk.MetaData!;
                meta.KeyValueMetadata = [new KeyValue { Key = "column", Value = string.Join('.', meta.PathInSchema) }];
                meta.IndexPageOffset = meta.DataPageOffset;
                meta.DictionaryPageOffset ??= meta.DataPageOffset;
                meta.EncodingStats =
                [
                    new PageEncodingStats { PageType = PageType.DICTIONARY_PAGE, Encoding = Encoding.PLAIN, Count = 1 },
                    new PageEncodingStats { PageType = PageType.DATA_PAGE, Encoding = Encoding.RLE_DICTIONARY, Count = 300 + k },
                ];
                meta.BloomFilterOffset = 5_000_000_000L + k;
                meta.BloomFilterLength = 1024;
                meta.Statistics ??= new Statistics();
                meta.Statistics.DistinctCount = 7 + k;
                meta.Statistics.IsMaxValueExact = true;
                meta.Statistics.IsMinValueExact = false;
                meta.Statistics.NullCount ??= 0;
                meta.SizeStatistics = new SizeStatistics
                {
                    UnencodedByteArrayDataBytes = meta.Type == global::Parquet.Meta.Type.BYTE_ARRAY ? 12345 + k : null,
                    RepetitionLevelHistogram = [10, 20],
                    DefinitionLevelHistogram = [1, 2, 3 + k],
                };
                meta.GeospatialStatistics = new GeospatialStatistics
                {
                    Bbox = new BoundingBox { Xmin = -1.5, Xmax = 2.25, Ymin = -90, Ymax = 90, Zmin = k % 2 == 0 ? 0.5 : null, Mmax = 1e300 },
                    GeospatialTypes = [1, 3, 1001],
                };
            }
        }
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
