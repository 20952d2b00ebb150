using System.Globalization;
using System.Text.Json;
using AkkaEtl.Common;
using AkkaEtl.Features;
using AkkaEtl.Ingest;
using AkkaEtl.Storage;
using Spectre.Console;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// <c>features</c>: the data scientist's inner loop. Runs the same reader and extractor code as the pipeline over
/// one file, no cluster, and prints the rows and the rejects with their reasons.
/// </summary>
public sealed class FeaturesCommand : ICommand
{
    public string Name => "features";
    public string Summary => "extract features from one file and print the rows and rejects (no cluster)";
    public string Usage => """
        usage: akkaetl features --file FILE.jsonl[.gz] [--mapping FILE.yaml | --extractor PATH.dll:Namespace.Type] [--limit 20] [--format table|json] [--day YYYY-MM-DD]
        """;
    public IReadOnlyCollection<string> Options { get; } = ["file", "mapping", "extractor", "limit", "format", "day"];
    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandLine args, CancellationToken ct)
    {
        var file = Path.GetFullPath(args.Require("file"));
        if (!File.Exists(file)) throw new UsageException($"file {file} does not exist");
        var limit = args.Int("limit", 20, min: 1);
        var format = args.Get("format") ?? "table";
        if (format is not ("table" or "json")) throw new UsageException($"--format must be table or json, not '{format}'");
        var day = args.Get("day") is { } d ? DayRange.ParseDay(d) : DateOnly.FromDateTime(File.GetLastWriteTimeUtc(file));
        var loaded = ExtractorLoader.Get(RunCommand.ExtractorOption(args));
        var extractor = new ChunkExtractor(loaded.Extractor, loaded.Schema);

        var store = new LocalObjectStore(Path.GetDirectoryName(file)!);
        var key = Path.GetFileName(file);
        var rows = new RowBatch(loaded.Schema);
        var rejects = new List<RejectRecord>();
        var counters = new ReadCounters();
        await using (var stream = await SourceFiles.OpenAsync(store, key, ct))
        {
            await foreach (var chunk in LineChunkReader.ReadAsync(stream, 0, new LineReaderOptions(), counters, ct))
            {
                using (chunk)
                {
                    var result = extractor.Extract(chunk, file, day);
                    if (rows.RowCount < limit) rows.Append(result.Rows);
                    rejects.AddRange(result.Rejects);
                }
                if (rows.RowCount >= limit && rejects.Count >= limit) break;
            }
        }
        var shown = RowBatchText.Rows(rows).Take(limit).ToList();
        if (format == "json")
        {
            Console.WriteLine(JsonSerializer.Serialize(new { rows = shown, rejects = rejects.Take(limit), lines = counters.Lines }, new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        foreach (var (row, i) in shown.Select((r, i) => (r, i)))
        {
            var t = new Table().Border(TableBorder.Simple).AddColumns("column", "value").Title($"row {i + 1}");
            foreach (var (name, value) in row) t.AddRow(name, value is null ? "[grey]NULL[/]" : Markup.Escape(Cut(QueryCommand.Text(value))));
            Terminal.Out.Write(t);
        }
        Terminal.Out.MarkupLine($"[bold]{shown.Count} rows shown; {rejects.Count:N0} rejects among {counters.Lines:N0} lines read[/]");
        foreach (var r in rejects.Take(limit))
            Terminal.Out.MarkupLine($"[red]line {r.Line.ToString(CultureInfo.InvariantCulture)}: {Markup.Escape(r.Reason)}[/] [grey]{Markup.Escape(Cut(r.Raw))}[/]");
        return ExitCodes.Ok;
    }

    private static string Cut(string s) => s.Length > 200 ? s[..197] + "..." : s;
}

/// <summary>A row batch as name/value pairs, for display.</summary>
public static class RowBatchText
{
    public static IEnumerable<Dictionary<string, object?>> Rows(RowBatch batch)
    {
        var offsets = new int[batch.Schema.Columns.Count];
        for (var r = 0; r < batch.RowCount; r++)
        {
            var row = new Dictionary<string, object?>();
            for (var c = 0; c < batch.Schema.Columns.Count; c++)
                row[batch.Schema[c].Name] = Value(batch.Column(c), r, ref offsets[c]);
            yield return row;
        }
    }

    private static object? Value(ColumnBuffer column, int row, ref int offset)
    {
        switch (column)
        {
            case StringColumn s: return s[row];
            case ValueColumn<int> v: return v.Values[row];
            case ValueColumn<long> v: return v.Values[row];
            case ValueColumn<float> v: return v.Values[row];
            case ValueColumn<double> v: return v.Values[row];
            case ValueColumn<bool> v: return v.Values[row];
            case ValueColumn<DateTime> v: return v.Values[row];
            case ListColumn<int> l:
            {
                var n = l.Lengths[row];
                var list = l.Elements.Span.Slice(offset, n).ToArray();
                offset += n;
                return list;
            }
            case ListColumn<float> l:
            {
                var n = l.Lengths[row];
                var list = l.Elements.Span.Slice(offset, n).ToArray();
                offset += n;
                return list;
            }
            default: return null;
        }
    }
}
