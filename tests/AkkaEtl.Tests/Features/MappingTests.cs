using System.Text;
using System.Text.Json;
using AkkaEtl.Features;
using AkkaEtl.Features.Mapping;

namespace AkkaEtl.Tests.Features;

public class JsonPathTests
{
    // What the extractor takes for a text field: a number or a non-empty string.
    private static readonly Func<JsonElement, bool> AnyText = e =>
        e.ValueKind == JsonValueKind.Number || (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 });

    private static string? Find(string path, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonPath.Parse(path).TryFind(doc.RootElement, AnyText, out var e) ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : null;
    }

    [Theory]
    [InlineData("$.title", """{"title":"Engineer"}""", "Engineer")]
    [InlineData("$.title", """{"title":["", "First", "Second"]}""", "First")]
    [InlineData("$.id", """{"id": 12345}""", "12345")]
    [InlineData("$.company.name", """{"company":{"name":"Acme"}}""", "Acme")]
    [InlineData("$.company.name", """{"company":"Acme"}""", null)]
    [InlineData("$.jobLocation[*].address.addressCountry", """{"jobLocation":[{"address":{}},{"address":{"addressCountry":"DE"}}]}""", "DE")]
    [InlineData("$.jobLocation[*].address.addressCountry", """{"jobLocation":{"address":{"addressCountry":"FR"}}}""", "FR")]
    [InlineData("$.jobLocation.address.addressCountry", """{"jobLocation":[{"address":{"addressCountry":"US"}}]}""", "US")]
    [InlineData("$.tags[1]", """{"tags":["a","b"]}""", "b")]
    [InlineData("$['odd key']", """{"odd key":"v"}""", "v")]
    [InlineData("$.@type", """{"@type":"JobPosting"}""", "JobPosting")]
    [InlineData("$.missing", """{"x":1}""", null)]
    public void Finds_the_first_usable_value(string path, string json, string? expected) => Assert.Equal(expected, Find(path, json));

    [Theory]
    [InlineData("title")]
    [InlineData("$..title")]
    [InlineData("$.a[?(@.b)]")]
    [InlineData("$.a[1:2]")]
    [InlineData("$.a[")]
    [InlineData("$.")]
    public void Rejects_unsupported_syntax(string path) => Assert.Throws<FormatException>(() => JsonPath.Parse(path));
}

public class FieldMappingTests
{
    [Fact]
    public void Loads_yaml_with_fallbacks_and_options()
    {
        var m = FieldMapping.FromYaml("t", """
            fields:
              id: [$.jobId, $.id]
              title: $.position
              location:
                - "$.jobLocation[*].address"
            infer_header: false
            """);
        Assert.Equal(["$.jobId", "$.id"], m.Paths("id").Select(p => p.Text));
        Assert.Equal("$.position", Assert.Single(m.Paths("title")).Text);
        Assert.Equal("$.jobLocation[*].address", Assert.Single(m.Paths("location")).Text);
        Assert.False(m.InferHeader);
        Assert.Empty(m.Paths("company"));
    }

    [Fact]
    public void Loads_json()
    {
        var m = FieldMapping.FromJson("t", """{"fields": {"id": ["$.a"], "title": "$.b"}}""");
        Assert.Equal("$.a", Assert.Single(m.Paths("id")).Text);
    }

    [Theory]
    [InlineData("fields:\n  title: $.t\n", "the required field 'id' has no path")]
    [InlineData("fields:\n  id: $.id\n  titel: $.t\n", "unknown field 'titel'")]
    [InlineData("fields:\n  id: \"$..id\"\n", "id: JSON path '$..id'")]
    [InlineData("fields:\n  id: $.id\nbogus: 1\n", "unknown key 'bogus'")]
    public void A_bad_mapping_is_a_clear_error_at_load(string yaml, string expected)
    {
        var e = Assert.Throws<MappingException>(() => FieldMapping.FromYaml("bad.yaml", yaml));
        Assert.Contains(expected, e.Message);
        Assert.Contains("bad.yaml", e.Message);
    }

    [Fact]
    public void Every_shipped_mapping_loads()
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "mappings");
        var files = Directory.GetFiles(dir, "*.yaml");
        Assert.True(files.Length >= 3, "mappings/ ships the generated, HN and schema.org mappings");
        foreach (var f in files) Assert.NotEmpty(FieldMapping.Load(f).Paths("id"));
    }
}

public class ChunkExtractorTests
{
    private static (RowBatch Rows, List<RejectRecord> Rejects) Run(string text, IFeatureExtractor? extractor = null)
    {
        extractor ??= new JobFeatureExtractor();
        var schema = new FeatureSchema(extractor.Columns);
        var ce = new ChunkExtractor(extractor, schema, lineLimit: 1000);
        var rows = new RowBatch(schema);
        var rejects = new List<RejectRecord>();
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            var bytes = line == "<INVALID>" ? [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D] : Encoding.UTF8.GetBytes(line);
            var flag = line == "<TOOLONG>" ? AkkaEtl.Ingest.LineFlag.TooLong : AkkaEtl.Ingest.LineFlag.None;
            if (ce.Process(bytes, flag, lineNo, "f.jsonl", new DateOnly(2020, 1, 1), rows) is { } reason)
                rejects.Add(RejectRecord.Of("f.jsonl", lineNo, reason, bytes));
        }
        return (rows, rejects);
    }

    [Fact]
    public void Bad_lines_are_rejected_with_their_reason_and_good_ones_become_rows()
    {
        var (rows, rejects) = Run(string.Join('\n',
            """{"id":"a","title":"Engineer"}""",
            """{"id":"b", "title": """,
            """[1,2,3]""",
            "\"just a string\"",
            """<INVALID>""",
            """{"title":"no id"}""",
            """<TOOLONG>""",
            """{"id": 42}"""));
        Assert.Equal(2, rows.RowCount);
        Assert.Equal(6, rejects.Count);
        Assert.Equal([2L, 3, 4, 5, 6, 7], rejects.Select(r => r.Line));
        Assert.StartsWith("not JSON", rejects[0].Reason);
        Assert.Equal("not a JSON object (array)", rejects[1].Reason);
        Assert.Equal("not a JSON object (string)", rejects[2].Reason);
        Assert.Equal("invalid UTF-8", rejects[3].Reason);
        Assert.StartsWith("no id", rejects[4].Reason);
        Assert.StartsWith("line longer than 1000 bytes", rejects[5].Reason);
        Assert.Equal("f.jsonl", rejects[0].File);
        var ids = (StringColumn)rows.Column(rows.Schema.IndexOf("job_id"));
        Assert.Equal(new string?[] { "a", "42" }, ids.ToArray());
        var lines = (ValueColumn<long>)rows.Column(rows.Schema.SourceLineIndex);
        Assert.Equal([1L, 8], lines.Values.Span.ToArray().Select(v => v!.Value));
    }

    [Fact]
    public void An_extractor_that_throws_rejects_only_that_record()
    {
        var (rows, rejects) = Run("{\"id\":\"ok\"}\n{\"id\":\"boom\"}\n{\"id\":\"ok2\"}", new ThrowingExtractor());
        Assert.Equal(2, rows.RowCount);
        Assert.Equal("extractor failed: InvalidOperationException: boom", Assert.Single(rejects).Reason);
    }

    private sealed class ThrowingExtractor : IFeatureExtractor
    {
        public IReadOnlyList<ColumnSpec> Columns { get; } = [ColumnSpec.String("id", required: true)];

        public void Extract(in SourceRecord record, IRowWriter row)
        {
            var id = record.Json.GetProperty("id").GetString()!;
            if (id == "boom") throw new InvalidOperationException("boom");
            row.SetString(0, id);
        }
    }
}
