using System.Text.Json;
using AkkaEtl.Common;
using AkkaEtl.Features;
using AkkaEtl.Features.Normalization;
using AkkaEtl.Features.Text;

namespace AkkaEtl.Benchmarks.Extraction;

/// <summary>
/// The parts of the extraction one by one on the same records (single thread), to see where the time goes. Inputs
/// are prepared up front (parsed documents, description strings, plain texts) so that each line times one step.
/// </summary>
public sealed class ComponentBench
{
    private readonly List<byte[]> _lines = [];
    private readonly List<JsonDocument> _docs = [];
    private readonly List<string> _html = [];
    private readonly List<string> _plain = [];
    private readonly List<string> _titles = [];
    private readonly List<string> _locations = [];

    public ComponentBench(BenchData data)
    {
        foreach (var line in data.Lines)
        {
            if (!System.Text.Unicode.Utf8.IsValid(line)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException) { continue; }
            if (doc.RootElement.ValueKind != JsonValueKind.Object) continue;
            _lines.Add(line);
            _docs.Add(doc);
            var root = doc.RootElement;
            var html = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            _html.Add(html);
            _plain.Add(HtmlText.ToPlainText(html));
            _titles.Add(root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "");
            if (root.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String) _locations.Add(l.GetString()!);
        }
    }

    public void Run()
    {
        var n = _docs.Count;
        Measure("JsonDocument.Parse", n, i => JsonDocument.Parse(_lines[i]).Dispose());
        Measure("GetString(description)", n, i => _ = _docs[i].RootElement.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
        Measure("HtmlText.ToPlainText", n, i => HtmlText.ToPlainText(_html[i]));
        Measure("TextStats.CountWords", n, i => TextStats.CountWords(_plain[i]));
        Measure("SalaryParser (description)", n, i => SalaryParser.TryParse(_plain[i], null, out _));
        var hasher = new SklearnHashingVectorizer();
        var indices = new ValueBuffer<int>(1024);
        var values = new ValueBuffer<float>(1024);
        Measure("hashing (title + description)", n, i =>
        {
            indices.Clear();
            values.Clear();
            hasher.Transform(_titles[i], _plain[i], indices, values);
        });
        var arena = new StringColumn();
        Measure("StringColumn.Add (description)", n, i =>
        {
            arena.Add(_plain[i].AsSpan());
            if (arena.Count == 400) arena.Truncate(0);
        });
        Measure("HeaderInference (every record)", n, i => HeaderInference.Infer(_plain[i]));
        Measure("TextCleaner.CleanTitle", n, i => TextCleaner.CleanTitle(_titles[i]));
        Measure("RemoteDetector (title)", n, i => RemoteDetector.Detect(_titles[i]));
        Measure("LocationParser (string locations)", _locations.Count, i => LocationParser.Parse(_locations[i]));
        Measure("HtmlText.ToInlineText (location)", _locations.Count, i => HtmlText.ToInlineText(_locations[i]));
    }

    private static void Measure(string name, int count, Action<int> step)
    {
        for (var i = 0; i < count; i++) step(i); // warm
        for (var i = 0; i < count; i++) step(i);
        // The best of a few rounds, in CPU time: the machine is shared.
        const int rounds = 4;
        var best = double.MaxValue;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var r = 0; r < rounds; r++)
        {
            var start = ThreadCpu.Microseconds();
            for (var i = 0; i < count; i++) step(i);
            best = Math.Min(best, ThreadCpu.Microseconds() - start);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"  {name,-36} {best / count,7:F2} µs  {allocated / ((double)count * rounds),8:N0} B");
    }
}
