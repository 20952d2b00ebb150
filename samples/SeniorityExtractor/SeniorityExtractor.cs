using System.Text.Json;
using AkkaEtl.Features;

namespace AkkaEtl.Samples;

/// <summary>
/// An example of a user extractor: seniority and a few keyword flags from the title and description. Its columns
/// become the table's schema (source_file and source_line are added by AkkaEtl).
/// </summary>
public sealed class SeniorityExtractor : IFeatureExtractor
{
    private const int JobId = 0, Title = 1, Seniority = 2, TitleWords = 3, MentionsPython = 4, MentionsKubernetes = 5;

    public IReadOnlyList<ColumnSpec> Columns { get; } =
    [
        ColumnSpec.String("job_id", required: true),
        ColumnSpec.String("title"),
        ColumnSpec.String("seniority"),
        ColumnSpec.Int32("title_words"),
        ColumnSpec.Boolean("mentions_python"),
        ColumnSpec.Boolean("mentions_kubernetes"),
    ];

    public string? KeyColumn => "job_id";

    public void Extract(in SourceRecord record, IRowWriter row)
    {
        var json = record.Json;
        var id = json.TryGetProperty("id", out var idElement) ? idElement.ValueKind switch
        {
            JsonValueKind.String => idElement.GetString(),
            JsonValueKind.Number => idElement.GetRawText(),
            _ => null,
        } : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            row.Reject("no id");
            return;
        }
        var title = json.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var description = json.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;

        row.SetString(JobId, id);
        row.SetString(Title, title);
        row.SetString(Seniority, SeniorityOf(title));
        row.SetInt32(TitleWords, title?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        row.SetBoolean(MentionsPython, Mentions(title, description, "python"));
        row.SetBoolean(MentionsKubernetes, Mentions(title, description, "kubernetes") || Mentions(title, description, "k8s"));
    }

    private static string? SeniorityOf(string? title)
    {
        if (title is null) return null;
        if (Has(title, "intern") || Has(title, "praktik")) return "intern";
        if (Has(title, "junior") || Has(title, "jr")) return "junior";
        if (Has(title, "principal") || Has(title, "staff") || Has(title, "lead") || Has(title, "head of")) return "lead";
        if (Has(title, "senior") || Has(title, "sr")) return "senior";
        return "mid";
    }

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    private static bool Mentions(string? title, string? description, string word) =>
        (title is not null && Has(title, word)) || (description is not null && Has(description, word));
}
