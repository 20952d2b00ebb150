using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace AkkaEtl.Features.Mapping;

/// <summary>
/// Where the built-in extractor finds each canonical input in a raw record: JSON paths tried in order. A user adapts
/// to a new source by writing one (YAML or JSON), not code. Loading validates everything, so a bad mapping fails at
/// start with a message, never per record.
/// </summary>
public sealed class FieldMapping
{
    /// <summary>The canonical inputs a mapping may name.</summary>
    public static readonly IReadOnlyList<string> CanonicalFields =
    [
        "id", "source", "url", "title", "company", "location", "city", "region", "country", "remote",
        "employment_type", "salary", "salary_min", "salary_max", "salary_currency", "salary_period",
        "description", "language", "posted_at", "updated_at",
    ];

    /// <summary>The common names, covering the generated data, the HN sample and schema.org JobPosting.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Defaults = new Dictionary<string, string[]>
    {
        ["id"] = ["$.id", "$.job_id", "$.jobId", "$.identifier.value", "$.identifier", "$.uuid"],
        ["source"] = ["$.source", "$.site"],
        ["url"] = ["$.url", "$.link", "$.apply_url", "$.applyUrl"],
        ["title"] = ["$.title", "$.job_title", "$.jobTitle", "$.position"],
        ["company"] = ["$.company.name", "$.company", "$.hiringOrganization.name", "$.hiringOrganization", "$.employer", "$.company_name"],
        ["location"] = ["$.location", "$.jobLocation[*].address", "$.job_location"],
        ["city"] = ["$.city"],
        ["region"] = ["$.region", "$.state"],
        ["country"] = ["$.country", "$.applicantLocationRequirements.name"],
        ["remote"] = ["$.remote", "$.is_remote", "$.isRemote", "$.jobLocationType"],
        ["employment_type"] = ["$.employment_type", "$.employmentType", "$.job_type"],
        ["salary"] = ["$.salary", "$.baseSalary", "$.compensation", "$.salary_text"],
        ["description"] = ["$.description", "$.text", "$.body", "$.content"],
        ["language"] = ["$.language", "$.lang", "$.inLanguage"],
        ["posted_at"] = ["$.posted_at", "$.datePosted", "$.date_posted", "$.created_at", "$.time", "$.published"],
        ["updated_at"] = ["$.updated_at", "$.dateModified", "$.modified", "$.updated"],
    };

    private readonly Dictionary<string, JsonPath[]> _paths;

    private FieldMapping(string name, Dictionary<string, JsonPath[]> paths, bool inferHeader, bool salaryFromDescription)
    {
        Name = name;
        _paths = paths;
        InferHeader = inferHeader;
        SalaryFromDescription = salaryFromDescription;
    }

    public string Name { get; }
    /// <summary>Infer title, company, location, remote, employment type and salary from a delimited first line when missing.</summary>
    public bool InferHeader { get; }
    /// <summary>Look for a salary in the description when no field gives one.</summary>
    public bool SalaryFromDescription { get; }

    public IReadOnlyList<JsonPath> Paths(string field) => _paths.TryGetValue(field, out var p) ? p : [];

    public IReadOnlyDictionary<string, JsonPath[]> AllPaths => _paths;

    public static FieldMapping Default { get; } = Create("default", Defaults, inferHeader: true, salaryFromDescription: true);

    public static FieldMapping Create(string name, IReadOnlyDictionary<string, string[]> fields, bool inferHeader = true, bool salaryFromDescription = true)
    {
        var errors = new List<string>();
        var paths = new Dictionary<string, JsonPath[]>(StringComparer.Ordinal);
        foreach (var (field, texts) in fields)
        {
            if (!CanonicalFields.Contains(field))
            {
                errors.Add($"unknown field '{field}' (known: {string.Join(", ", CanonicalFields)})");
                continue;
            }
            var parsed = new List<JsonPath>();
            foreach (var t in texts)
            {
                try { parsed.Add(JsonPath.Parse(t)); }
                catch (FormatException e) { errors.Add($"{field}: {e.Message}"); }
            }
            if (parsed.Count == 0 && texts.Length == 0) errors.Add($"{field}: no paths");
            paths[field] = parsed.ToArray();
        }
        if (!paths.TryGetValue("id", out var id) || id.Length == 0) errors.Add("the required field 'id' has no path");
        if (errors.Count > 0) throw new MappingException(name, errors);
        return new FieldMapping(name, paths, inferHeader, salaryFromDescription);
    }

    /// <summary>Loads a mapping file: YAML (.yaml/.yml) or JSON (.json).</summary>
    public static FieldMapping Load(string path)
    {
        if (!File.Exists(path)) throw new MappingException(path, [$"mapping file not found"]);
        var text = File.ReadAllText(path);
        try
        {
            return Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? FromJson(Path.GetFileName(path), text)
                : FromYaml(Path.GetFileName(path), text);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new MappingException(path, [e.Message]);
        }
    }

    public static FieldMapping FromYaml(string name, string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new MappingException(name, ["the file is not a mapping of keys to values"]);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        bool inferHeader = true, salaryFromDescription = true;
        foreach (var (k, v) in root.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            switch (key)
            {
                case "fields" when v is YamlMappingNode fm:
                    foreach (var (fk, fv) in fm.Children) fields[((YamlScalarNode)fk).Value ?? ""] = YamlPaths(fv);
                    break;
                case "infer_header":
                    inferHeader = YamlBool(name, key, v);
                    break;
                case "salary_from_description":
                    salaryFromDescription = YamlBool(name, key, v);
                    break;
                case "name":
                    break;
                default:
                    throw new MappingException(name, [$"unknown key '{key}' (expected fields, infer_header, salary_from_description, name)"]);
            }
        }
        return Create(name, fields, inferHeader, salaryFromDescription);
    }

    public static FieldMapping FromJson(string name, string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new MappingException(name, ["the file is not a JSON object"]);
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        bool inferHeader = true, salaryFromDescription = true;
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            switch (p.Name)
            {
                case "fields" when p.Value.ValueKind == JsonValueKind.Object:
                    foreach (var f in p.Value.EnumerateObject())
                        fields[f.Name] = f.Value.ValueKind == JsonValueKind.Array
                            ? f.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
                            : [f.Value.GetString() ?? ""];
                    break;
                case "infer_header":
                    inferHeader = p.Value.GetBoolean();
                    break;
                case "salary_from_description":
                    salaryFromDescription = p.Value.GetBoolean();
                    break;
                case "name":
                    break;
                default:
                    throw new MappingException(name, [$"unknown key '{p.Name}' (expected fields, infer_header, salary_from_description, name)"]);
            }
        }
        return Create(name, fields, inferHeader, salaryFromDescription);
    }

    private static string[] YamlPaths(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? "").ToArray(),
        _ => throw new FormatException("a field maps to a path or a list of paths"),
    };

    private static bool YamlBool(string name, string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b)
            ? b
            : throw new MappingException(name, [$"'{key}' must be true or false"]);
}

public sealed class MappingException(string mapping, IReadOnlyList<string> errors)
    : Exception($"bad mapping {mapping}: {string.Join("; ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
