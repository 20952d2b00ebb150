using System.Text;
using AkkaEtl.Features;
using AkkaEtl.Features.Mapping;
using AkkaEtl.Ingest;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Features;

/// <summary>
/// The versions pass reads a record's key, updated_at and posted_at without extracting it; what it reads must be what
/// extraction writes, or compaction would rewrite the row groups it meant to copy.
/// </summary>
public class VersionReadingTests
{
    [Fact]
    public void Generated_postings_read_the_version_extraction_writes()
    {
        var (agreed, noKey) = Compare(new JobFeatureExtractor(), RawData.GeneratedLines(new DateOnly(2024, 3, 1), 4000, 20240301));
        Assert.True(agreed > 3800, $"{agreed} records agreed");
        Assert.True(noKey > 0, "the generated day has records without an id");
    }

    [Fact]
    public void Real_postings_read_the_version_extraction_writes()
    {
        var mapping = FieldMapping.Load(Path.Combine(TestPaths.RepoRoot, "mappings", "hn.yaml"));
        var lines = Directory.GetFiles(TestPaths.RealJobsRaw, "*.jsonl", SearchOption.AllDirectories).SelectMany(f => RawData.SplitLines(File.ReadAllBytes(f))).ToList();
        var (agreed, _) = Compare(new JobFeatureExtractor(mapping), lines);
        Assert.Equal(1048, agreed);
    }

    [Theory]
    [InlineData("""{"job_id":"x","id":"y"}""", "y")]                          // the first path wins wherever it is in the line
    [InlineData("""{"id":"","job_id":"x"}""", "x")]                           // an empty string is no value: the next path
    [InlineData("""{"id":"  "}""", null)]                                     // a blank id is no key
    [InlineData("""{"id":7,"updated_at":1577900469,"posted_at":""}""", "7")] // numbers as text; unix seconds
    [InlineData("""{"identifier":{"value":"v1"},"updated_at":"2020-01-01T10:00:00Z"}""", "v1")] // nested: read from the document
    [InlineData("""{"id":["a","b"]}""", "a")]                                 // a list: its first text
    [InlineData("""{"\u0069d":"escaped","updated_at":null,"dateModified":"2020-01-02T03:04:05.1234567Z"}""", "escaped")]
    [InlineData("""{"id":"a","updated_at":"not a date","posted_at":{"x":1}}""", "a")]
    [InlineData("""{"id":"a","id":"b"}""", "b")]                              // a repeated property: the last, as documents read it
    [InlineData(""" { "meta" : {"x":"}{\"[", "y":[1,{"id":"no"}]} , "id" : "spaced" , "updated_at" : -1.5e2 } """, "spaced")] // nested values skipped
    [InlineData("""{"description":"say \"id\": \\","id":"after-escapes"}""", "after-escapes")]
    [InlineData("""[{"id":"a"}]""", null)]
    [InlineData("""not json""", null)]
    public void Edge_cases_read_the_version_extraction_writes(string line, string? key)
    {
        var extractor = new JobFeatureExtractor();
        var found = extractor.TryReadVersion(Encoding.UTF8.GetBytes(line), out var version);
        Assert.Equal(key, found ? version.Key : null);
        if (key is not null) Compare(extractor, [Encoding.UTF8.GetBytes(line)]);
    }

    [Fact]
    public void Cut_and_broken_lines_end_the_walk_and_give_no_version()
    {
        var extractor = new JobFeatureExtractor();
        foreach (var line in new[] { "", "{", "{\"id\"", "{\"id\":", "{\"id\":\"a", "{\"a\":[1,2", "{\"a\":\"\\", "{\"a\":{\"b\":\"}", "{\"a\" 1}", "{,}" })
            Assert.False(extractor.TryReadVersion(Encoding.UTF8.GetBytes(line), out _), line);
        // Every cut of a real posting ends too; a cut that still gives a version (the key and times came before it)
        // gives the whole line's key.
        var real = new JobFeatureExtractor(FieldMapping.Load(Path.Combine(TestPaths.RepoRoot, "mappings", "hn.yaml")));
        var posting = Directory.GetFiles(TestPaths.RealJobsRaw, "*.jsonl", SearchOption.AllDirectories).Order().Select(File.ReadAllLines).First()[0];
        var bytes = Encoding.UTF8.GetBytes(posting);
        Assert.True(real.TryReadVersion(bytes, out var whole));
        var cutsWithVersion = 0;
        for (var length = 0; length < bytes.Length; length += 3)
        {
            if (!real.TryReadVersion(bytes.AsSpan(0, length), out var cut)) continue;
            Assert.Equal(whole.Key, cut.Key);
            cutsWithVersion++;
        }
        Assert.InRange(cutsWithVersion, 1, bytes.Length / 3);
    }

    /// <summary>Every line extraction keeps has the version extraction wrote; a line rejected for its id has none.</summary>
    private static (int Agreed, int NoKey) Compare(JobFeatureExtractor extractor, IReadOnlyList<byte[]> lines)
    {
        var schema = new FeatureSchema(extractor.Columns);
        var chunks = new ChunkExtractor(extractor, schema);
        var (key, updated, posted) = (schema.IndexOf("job_id"), schema.IndexOf("updated_at"), schema.IndexOf("posted_at"));
        int agreed = 0, noKey = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var utf8 = lines[i];
            var rows = new RowBatch(schema);
            var reason = chunks.Process(utf8, LineFlag.None, i + 1, "f.jsonl", new DateOnly(2024, 3, 1), rows);
            var found = extractor.TryReadVersion(utf8, out var version);
            if (reason is not null)
            {
                if (!reason.StartsWith("no id", StringComparison.Ordinal)) continue;
                Assert.False(found, $"line {i + 1} has no id, but a version was read: {Encoding.UTF8.GetString(utf8)}");
                noKey++;
                continue;
            }
            Assert.True(found, $"line {i + 1} was extracted, but no version was read: {Encoding.UTF8.GetString(utf8)}");
            Assert.Equal(((StringColumn)rows.Column(key))[0], version.Key);
            Assert.Equal(((ValueColumn<DateTime>)rows.Column(updated)).Values[0]?.Ticks ?? long.MinValue, VersionEntry.Ticks(version.Updated));
            Assert.Equal(((ValueColumn<DateTime>)rows.Column(posted)).Values[0]?.Ticks ?? long.MinValue, VersionEntry.Ticks(version.Posted));
            agreed++;
        }
        return (agreed, noKey);
    }
}
