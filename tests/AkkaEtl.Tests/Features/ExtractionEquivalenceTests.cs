using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AkkaEtl.Features;
using AkkaEtl.Features.Mapping;
using AkkaEtl.Ingest;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Features;

/// <summary>
/// Golden equality of the built-in extraction: every column of every row and every reject reason, for generated data
/// (malformed lines included), the 1,048 real postings and a few hand-written edge cases, against a snapshot taken
/// from the code before it was optimised. The snapshot keeps one hash per row (not the text), so it stays small.
/// After an intended change of the output, rewrite it with <c>AKKAETL_UPDATE_SNAPSHOTS=1</c> and review the diff.
/// </summary>
public class ExtractionEquivalenceTests
{
    private const string UpdateVariable = "AKKAETL_UPDATE_SNAPSHOTS";

    private static string SnapshotPath(string name) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "AkkaEtl.Tests", "Features", "Snapshots", name + ".json.gz");

    [Fact]
    public void Generated_postings_extract_as_in_the_snapshot()
    {
        var day = new DateOnly(2024, 3, 1);
        var lines = RawData.GeneratedLines(day, 4000, 20240301);
        Check("extraction-generated", Extract(new JobFeatureExtractor(), [("2024/03/01/part-00000.jsonl", day, lines)]));
    }

    [Fact]
    public void Real_postings_extract_as_in_the_snapshot()
    {
        var mapping = FieldMapping.Load(Path.Combine(TestPaths.RepoRoot, "mappings", "hn.yaml"));
        var files = new List<(string, DateOnly, List<byte[]>)>();
        foreach (var path in Directory.GetFiles(TestPaths.RealJobsRaw, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(TestPaths.RealJobsRaw, path).Replace('\\', '/');
            var parts = relative.Split('/');
            var day = new DateOnly(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture));
            files.Add((relative, day, RawData.SplitLines(File.ReadAllBytes(path))));
        }
        var result = Extract(new JobFeatureExtractor(mapping), files);
        Assert.Equal(1048, result.Lines.Count(l => l.StartsWith("r ", StringComparison.Ordinal)));
        Check("extraction-real", result);
    }

    [Fact]
    public void Edge_cases_extract_as_in_the_snapshot()
    {
        var lines = EdgeCases.Select(l => Encoding.UTF8.GetBytes(l)).ToList();
        Check("extraction-edge", Extract(new JobFeatureExtractor(), [("edge.jsonl", new DateOnly(2020, 1, 1), lines)]));
    }

    /// <summary>Mapping semantics the generator rarely or never produces: fallbacks, lists, objects, wrong types, escapes.</summary>
    private static readonly string[] EdgeCases =
    [
        """{"id":"e1","title":["","First title","Second"],"company":{"name":"Acme &amp; Co"},"location":[{"city":"Berlin","country":"DE"},{"city":"Paris"}]}""",
        """{"jobId":123,"jobTitle":"Engineer","hiringOrganization":{"name":"Globex"},"jobLocation":[{"address":{"addressLocality":"Austin","addressRegion":"TX","addressCountry":{"name":"United States"}}}]}""",
        """{"identifier":{"value":"abc-1"},"title":"Nurse","jobLocation":{"address":{"addressLocality":"Toronto","addressCountry":"CA"}},"baseSalary":{"currency":"CAD","value":{"minValue":80000,"maxValue":95000,"unitText":"YEAR"}}}""",
        """{"identifier":"id-2","title":"Dev","salary":{"min":"50","max":"70","currency":"$","period":"hourly"},"remote":"TELECOMMUTE"}""",
        """{"id":"e5","title":"Data \u00e9ngineer \ud83d\ude80","description":"<p>We pay \u0024150K\u2013\u0024200K</p><script>var x='<p>';</script><ul><li>Python</li><li>SQL &gt; NoSQL</li></ul>","remote":"no"}""",
        """{"id":"e6","title":"Hi","salary":75000,"salary_currency":"EUR","salary_period":"year","language":"de-DE","posted_at":1700000000123,"updated_at":"2023-11-14T22:13:20.123456789+02:00"}""",
        """{"id":"e7","title":42,"company":42,"location":12345,"remote":3,"employment_type":1,"language":42,"url":123456,"description":{"html":"<p>x</p>"},"posted_at":"soon","updated_at":"yesterday","salary":true}""",
        """{"id":"e8","salary_min":90000,"salary_max":"120000","salary":"$80 - 150/hr","country":"Canada","city":"Vancouver"}""",
        """{"id":"  e9  ","title":"   ","company":"","description":"","location":"","remote":"","posted_at":""}""",
        """{"id":"","title":"no id"}""",
        """{"id":null,"job_id":"fallback-id","uuid":"u"}""",
        """{"id":["","list-id"],"title":"Listed id"}""",
        """{"id":[1,2],"title":"Number list id"}""",
        """{"id":{"value":"x"},"job_id":"obj-then-job-id"}""",
        """{"id":"e15","description":"Acme | Senior Engineer | Remote (US) | Full-time | $150k-$200k | https://acme.example/jobs\n<p>Join us.</p>"}""",
        """{"id":"e16","description":"<p>Pay: \u00a380k\u2013\u00a3110k per annum</p>","location":"London, UK","employmentType":["","FULL_TIME"]}""",
        """{"id":"e17","location":{"city":"München","region":null,"country":"Deutschland"},"employment_type":"Vollzeit, unbefristet","salary":"50.000 € - 65.000 € pro Jahr"}""",
        """{"id":"e18","location":{"addressLocality":"Lyon","addressCountry":{"identifier":"FR"}},"remote":false,"isRemote":true}""",
        """{"id":"e19","jobLocation":[{"address":{"addressLocality":"Remote"}},{"address":{"addressLocality":"Denver","addressRegion":"CO"}}],"jobLocationType":"TELECOMMUTE"}""",
        """{"id":"e20","title":"<b>NEW:</b> C&#43;&#43; Developer &ndash; Payments","description":"line1\r\nline2\u2028line3&#x2F;&#X41;&#128;&#0;&nbspx&copy2026","language":"EN"}""",
        """{"id":"e21","company":"Initech is hiring!","location":"Remote","description":"Work from home. \u20ac15/hour","country":"Atlantis"}""",
        """{"id":"e22","salary":{"value":"42.5","currency":"usd","unit":"HOUR"},"posted_at":"Tue, 01 Jan 2020 10:00:00 GMT"}""",
        """{"id":"e23","salary":[1,2],"remote":["yes"],"posted_at":[1700000000],"title":{"text":"obj"}}""",
        """{"id":"e24","description":["","<p>from a list</p>"],"text":"ignored","title":"T","company":"C"}""",
        """{"id":"e25","description":"\u0000\u0001 control \uFEFF chars \t\t and   spaces\u00A0\u2003here","title":"ΣΊΣΥΦΟΣ ΣΑΣ İstanbul ﬁle"}""",
        """{"id":1.5e3,"title":"float id","salary":"¥6,000,000","location":"東京都, 日本"}""",
        """{"id":"e27","updated":"2020-01-01","modified":"2021-01-01","dateModified":"2019-05-05T10:00:00Z","datePosted":"2019-05-01"}""",
        """{"id":"e28","description":"<div>Compensation: USD 40/h</div><div>Remote-first, but onsite possible</div>","title":"Eng (m/w/d) | Berlin"}""",
        """{"id":"e29","applicantLocationRequirements":{"name":"USA"},"location":"NYC or Remote (US)","title":"Fully remote engineer"}""",
        """{"id":"e30","company":{"industry":"x"},"hiringOrganization":"Fallback Org","employer":"Not used"}""",
        """   {"id":"e31","title":"leading spaces"}   """,
        """{"id":"e32","title":"dup","title":"second dup"}""",
        """{"id":"e33","description":"<p>unclosed <b>tag and a < b and <3 and <Your Name></p><!-- comment --><!DOCTYPE html>x"}""",
        """{"id":"e34","description":"\\u escaped backslash \\ and quote \" and slash \/ here"}""",
        """{"id":"e35","salary_min":null,"salary_max":55000,"salary_currency":"GBP"}""",
        """{"id":"e36","remote":"maybe","employment_type":"Full-time + Equity","language":"e"}""",
        """{"id":"e37","source":"<i>hn</i>","site":"x","url":"  https://x.example/a  ","link":"y"}""",
        """{"id":"e38","city":"Portland","state":"OR","location":{"city":"Ignored","country":"US"}}""",
        """{"id":"e39","title":"Lone high","description":"<p>broken \ud800x surrogate</p>"}""",
        """{"id":"e40","title":"Reversed","description":"x\udc00\ud800y"}""",
        """{"id":"e41","title":"High then letter","description":"\ud83d\u0041 and more"}""",
        """{"id":"e42","title":"High at end","description":"end \ud83d"}""",
        """{"id":"e43","title":"All escapes","description":"a\bb\fc\nd\re\tf\"g\\h\/i \u00e9\u4e2d\ud83d\ude80 \u003cp\u003e tag \u0026amp;"}""",
        """{"id":"e44","title":"T\u00eatle \ud83d\ude80","company":"Caf\u00e9 \u0026 Co","description":"\u003cul\u003e\u003cli\u003e\u00dcber\u003c/li\u003e\u003c/ul\u003e $120k"}""",
        """{"id":"e45","description":12345,"title":"Number description"}""",
        """{"id":"e46","description":"&nbsp;&ThickSpace;&nbsp;","title":"Only spaces"}""",
        """{"id":"e47","description":"   \t\n  ","title":"Blank"}""",
        """{"id":"e48","location":{"country":"DE"}}""",
        """{"id":"e49","location":{"region":"CA","country":"US"}}""",
        """{"id":"e50","location":{"city":" ","region":"","country":"France"}}""",
        """{"id":"e51","location":{"city":"Lyon","addressCountry":{"name":"France"}},"jobLocation":{"address":{"addressLocality":"x"}}}""",
        """{"id":"e52","location":{"industry":"none"}}""",
    ];

    // --- running and digesting ---------------------------------------------------------------------------------

    private sealed record Result(string InputHash, List<string> Lines, SortedDictionary<string, string> Columns);

    private static Result Extract(IFeatureExtractor extractor, IEnumerable<(string File, DateOnly Day, List<byte[]> Lines)> files)
    {
        var schema = new FeatureSchema(extractor.Columns);
        var chunk = new ChunkExtractor(extractor, schema);
        var input = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var columnHashes = schema.Columns.Select(_ => IncrementalHash.CreateHash(HashAlgorithmName.SHA256)).ToArray();
        var lines = new List<string>();
        foreach (var (file, day, fileLines) in files)
        {
            var rows = new RowBatch(schema);
            var lineNo = 0L;
            foreach (var line in fileLines)
            {
                lineNo++;
                input.AppendData(line);
                input.AppendData("\n"u8);
                var errorsBefore = rows.FieldErrors;
                var reason = chunk.Process(line, LineFlag.None, lineNo, file, day, rows);
                if (reason is not null)
                {
                    lines.Add("x " + reason);
                    continue;
                }
                var row = rows.RowCount - 1;
                var rowHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                rowHash.AppendData(Encoding.UTF8.GetBytes($"errors={rows.FieldErrors - errorsBefore}\n"));
                for (var c = 0; c < schema.Columns.Count; c++)
                {
                    var text = Encoding.UTF8.GetBytes(schema.Columns[c].Name + "=" + Canonical(rows.Column(c), row) + "\n");
                    rowHash.AppendData(text);
                    columnHashes[c].AppendData(text);
                }
                lines.Add("r " + Convert.ToHexStringLower(rowHash.GetHashAndReset())[..20]);
            }
        }
        var columns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c < schema.Columns.Count; c++)
            columns[schema.Columns[c].Name] = Convert.ToHexStringLower(columnHashes[c].GetHashAndReset())[..20];
        return new Result(Convert.ToHexStringLower(input.GetHashAndReset())[..20], lines, columns);
    }

    /// <summary>A value as exact text: strings length-prefixed, floating point as bits, instants as ticks.</summary>
    private static string Canonical(ColumnBuffer column, int row)
    {
        if (column.IsNull(row) && column is not ListColumn<int> and not ListColumn<float>) return "null";
        return column switch
        {
            StringColumn s => s.Span(row).Length + ":" + s.Span(row).ToString(),
            ValueColumn<int> v => v.Values[row]!.Value.ToString(CultureInfo.InvariantCulture),
            ValueColumn<long> v => v.Values[row]!.Value.ToString(CultureInfo.InvariantCulture),
            ValueColumn<bool> v => v.Values[row]!.Value ? "true" : "false",
            ValueColumn<double> v => BitConverter.DoubleToInt64Bits(v.Values[row]!.Value).ToString("x16", CultureInfo.InvariantCulture),
            ValueColumn<float> v => BitConverter.SingleToInt32Bits(v.Values[row]!.Value).ToString("x8", CultureInfo.InvariantCulture),
            ValueColumn<DateTime> v => v.Values[row]!.Value.Ticks.ToString(CultureInfo.InvariantCulture) + v.Values[row]!.Value.Kind,
            ListColumn<int> l => string.Join(',', ListRow(l, row).ToArray()),
            ListColumn<float> l => string.Join(',', ListRow(l, row).ToArray().Select(f => BitConverter.SingleToInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture))),
            _ => throw new InvalidOperationException("unexpected column " + column.GetType()),
        };
    }

    private static ReadOnlySpan<T> ListRow<T>(ListColumn<T> l, int row) where T : struct
    {
        var offset = 0;
        for (var r = 0; r < row; r++) offset += l.Lengths[r];
        return l.Elements.Span.Slice(offset, l.Lengths[row]);
    }

    // --- the snapshot --------------------------------------------------------------------------------------------

    private static void Check(string name, Result actual)
    {
        var path = SnapshotPath(name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Write(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no snapshot {path}; create it with {UpdateVariable}=1");
        var expected = Read(path);
        Assert.True(expected.InputHash == actual.InputHash,
            $"the input of {name} changed (generator or data): the snapshot does not apply; rewrite it with {UpdateVariable}=1 from code whose output is known good");
        var problems = new List<string>();
        if (expected.Lines.Count != actual.Lines.Count) problems.Add($"{actual.Lines.Count} lines, expected {expected.Lines.Count}");
        for (var i = 0; i < Math.Min(expected.Lines.Count, actual.Lines.Count) && problems.Count < 20; i++)
            if (expected.Lines[i] != actual.Lines[i]) problems.Add($"line {i + 1}: '{actual.Lines[i]}', expected '{expected.Lines[i]}'");
        foreach (var (column, hash) in expected.Columns)
            if (!actual.Columns.TryGetValue(column, out var a) || a != hash) problems.Add($"column {column} differs");
        Assert.True(problems.Count == 0, $"{name} differs from its snapshot:\n" + string.Join('\n', problems));
    }

    private static void Write(string path, Result r)
    {
        var json = new JsonObject
        {
            ["input"] = r.InputHash,
            ["columns"] = new JsonObject(r.Columns.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["lines"] = new JsonArray(r.Lines.Select(l => (JsonNode?)l).ToArray()),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new Utf8JsonWriter(gz, new JsonWriterOptions { Indented = true });
        json.WriteTo(writer);
    }

    private static Result Read(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var json = JsonNode.Parse(gz)!.AsObject();
        var columns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in json["columns"]!.AsObject()) columns[k] = v!.GetValue<string>();
        return new Result(json["input"]!.GetValue<string>(), json["lines"]!.AsArray().Select(n => n!.GetValue<string>()).ToList(), columns);
    }
}
