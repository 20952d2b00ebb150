using AkkaEtl.Coordinator.Compaction;
using AkkaEtl.Features;
using AkkaEtl.Parquet;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Compaction;

/// <summary>Deduplication of a day: the latest row of each key wins, in memory or, for a big day, in hash partitions on disk.</summary>
public class RowSelectionTests
{
    private static readonly FeatureSchema Schema = new([ColumnSpec.String("job_id"), ColumnSpec.Timestamp("updated_at"), ColumnSpec.Timestamp("posted_at")]);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spilled_partitions_choose_the_same_rows_as_memory_and_leave_nothing_behind()
    {
        using var dir = new TempDir("row-selection");
        var inputs = new List<CompactionInput>();
        var rnd = new Random(4);
        var day = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var p = 0; p < 4; p++)
        {
            var path = Path.Combine(dir.Path, $"part-{p}.parquet");
            await using (var writer = await PartFileWriter.CreateAsync(path, new ParquetSchemaMap(Schema), ct: Ct))
            {
                for (var g = 0; g < 3; g++)
                {
                    var batch = new RowBatch(Schema);
                    for (var r = 0; r < 500; r++)
                    {
                        batch.BeginRow();
                        batch.SetString(0, rnd.Next(10) == 0 ? null : $"job-{rnd.Next(1500)}"); // about 2 rows a key, some without one
                        batch.SetTimestamp(1, rnd.Next(4) == 0 ? null : day.AddMinutes(rnd.Next(20))); // ties on time too
                        batch.SetTimestamp(2, day.AddHours(-rnd.Next(3)));
                        batch.SetString(Schema.SourceFileIndex, $"raw/2021/01/01/f{rnd.Next(6)}.jsonl");
                        batch.SetInt64(Schema.SourceLineIndex, g * 500 + r + 1);
                        Assert.True(batch.EndRow(), batch.RejectReason);
                    }
                    await writer.WriteAsync(batch, Ct);
                }
                await writer.CompleteAsync();
            }
            inputs.Add(new CompactionInput(path, Carried: p == 0));
        }
        var removed = new HashSet<string> { "raw/2021/01/01/f5.jsonl" };
        var spillDir = dir.Sub("spill");
        Directory.CreateDirectory(spillDir);

        var memory = await RowSelection.ComputeAsync(inputs, Schema, "job_id", removed, spillDir, Ct);
        var spilled = await RowSelection.ComputeAsync(inputs, Schema, "job_id", removed, spillDir, Ct, maxKeysInMemory: 700); // 9 partitions

        Assert.True(memory.Duplicates > 1000, $"{memory.Duplicates} duplicates"); // the data exercises the rule
        Assert.True(memory.RemovedRows > 0);
        Assert.Equal((memory.Duplicates, memory.RemovedRows, memory.KeptRows), (spilled.Duplicates, spilled.RemovedRows, spilled.KeptRows));
        for (var i = 0; i < inputs.Count; i++)
            for (var rg = 0; rg < memory.RowGroups(i); rg++)
                Assert.Equal(memory.Keep(i, rg), spilled.Keep(i, rg));
        Assert.Empty(Directory.EnumerateFileSystemEntries(spillDir));
    }

    [Fact]
    public async Task A_part_that_cannot_be_read_fails_the_selection_with_its_own_error()
    {
        using var dir = new TempDir("row-selection-bad");
        var good = Path.Combine(dir.Path, "good.parquet");
        await WritePartAsync(good, rows: 300);
        var notParquet = Path.Combine(dir.Path, "not-parquet.parquet");
        await File.WriteAllTextAsync(notParquet, "{\"id\": 1}\n", Ct);
        var spillDir = dir.Sub("spill");
        Directory.CreateDirectory(spillDir);

        // Removed sources make the pass read every row group without a key column (no footers are read before it).
        var inputs = new[] { new CompactionInput(good, Carried: true), new CompactionInput(notParquet, Carried: false) };
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            RowSelection.ComputeAsync(inputs, Schema, null, new HashSet<string> { "raw/gone.jsonl" }, spillDir, Ct));
        Assert.Contains(notParquet, error.Message);

        // Pages that do not decode, after good row groups: the reader's error comes out, nothing waits forever.
        var damaged = Path.Combine(dir.Path, "damaged.parquet");
        File.Copy(good, damaged);
        var secondGroup = (await ParquetFooter.ReadAsync(damaged, Ct)).RowGroups[1].Columns[0].MetaData!.DataPageOffset;
        await using (var file = new FileStream(damaged, FileMode.Open, FileAccess.Write))
        {
            file.Position = secondGroup;
            file.Write(Enumerable.Repeat((byte)0xEE, 64).ToArray());
        }
        await Assert.ThrowsAnyAsync<Exception>(() => RowSelection.ComputeAsync(
            [new CompactionInput(good, Carried: false), new CompactionInput(damaged, Carried: false)], Schema, "job_id", new HashSet<string>(), spillDir, Ct));
    }

    private static async Task WritePartAsync(string path, int rows)
    {
        await using var writer = await PartFileWriter.CreateAsync(path, new ParquetSchemaMap(Schema), ct: Ct);
        for (var g = 0; g < 3; g++)
        {
            var batch = new RowBatch(Schema);
            for (var r = 0; r < rows / 3; r++)
            {
                batch.BeginRow();
                batch.SetString(0, $"job-{g}-{r}");
                batch.SetTimestamp(1, new DateTime(2021, 1, 1, 0, r % 60, 0, DateTimeKind.Utc));
                batch.SetTimestamp(2, null);
                batch.SetString(Schema.SourceFileIndex, "raw/2021/01/01/a.jsonl");
                batch.SetInt64(Schema.SourceLineIndex, g * rows + r + 1);
                Assert.True(batch.EndRow(), batch.RejectReason);
            }
            await writer.WriteAsync(batch, Ct);
        }
        await writer.CompleteAsync();
    }
}
