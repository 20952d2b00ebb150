using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AkkaEtl.Common;
using AkkaEtl.Features.Mapping;
using AkkaEtl.Features.Normalization;
using AkkaEtl.Features.Text;
using static AkkaEtl.Features.JobColumns;

namespace AkkaEtl.Features;

/// <summary>
/// The built-in extractor: the job-listing features of ../shared/spec/features.md, reading raw fields through a
/// <see cref="FieldMapping"/>. Stateless apart from per-thread scratch buffers, so one instance serves all threads.
/// </summary>
public sealed class JobFeatureExtractor : IFeatureExtractor, IRecordVersionReader
{
    private static readonly Func<JsonElement, bool> IsText = e =>
        e.ValueKind == JsonValueKind.Number || (e.ValueKind == JsonValueKind.String && !e.ValueEquals(ReadOnlySpan<byte>.Empty));
    private static readonly Func<JsonElement, bool> IsPresent = e => e.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
    private static readonly Func<JsonElement, bool> IsObject = e => e.ValueKind == JsonValueKind.Object;

    [ThreadStatic] private static Scratch? t_scratch;

    private readonly FieldMapping _mapping;
    private readonly string _noIdReason;
    private readonly TopLevelNames _names;
    // The mapping's paths by field with their first name's slot, resolved once: no dictionary lookup per read.
    private readonly MappedPath[][] _mapped;
    private readonly TopLevelVersionReader? _versions;

    public JobFeatureExtractor(FieldMapping? mapping = null)
    {
        _mapping = mapping ?? FieldMapping.Default;
        _noIdReason = "no id (looked at " + string.Join(", ", _mapping.Paths("id")) + ")";
        var paths = FieldNames.Select(f => _mapping.Paths(f).ToArray()).ToArray();
        _names = new TopLevelNames(paths.SelectMany(p => p));
        _mapped = paths.Select(field => field.Select(p => new MappedPath(p, _names.SlotOf(p))).ToArray()).ToArray();
        _versions = TopLevelVersionReader.For(paths[(int)Field.Id], paths[(int)Field.UpdatedAt], paths[(int)Field.PostedAt]);
    }

    public FieldMapping Mapping => _mapping;
    public IReadOnlyList<ColumnSpec> Columns => JobColumns.All;
    public string? KeyColumn => "job_id";

    public void Extract(in SourceRecord record, IRowWriter row)
    {
        var scratch = t_scratch ??= new Scratch();
        var json = Read(record.Json, scratch);
        var id = Text(json, Field.Id);
        if (string.IsNullOrWhiteSpace(id))
        {
            row.Reject(_noIdReason);
            return;
        }
        row.SetString(JobId, id.Trim());
        row.SetString(Source, InlineText(json, Field.Source, Source, row));
        var url = Text(json, Field.Url)?.Trim();

        // The description is the bulk of a record: it goes from the raw JSON bytes to plain text in per-thread
        // buffers, never as a string.
        var hasDescription = ReadDescription(json, row, scratch, out var descriptionLength);
        ReadOnlySpan<char> description = hasDescription ? scratch.Plain.AsSpan(0, descriptionLength) : default;

        var title = TextCleaner.CleanTitle(FieldText(json, Field.Title, Title, row));
        var company = TextCleaner.CleanCompany(FieldText(json, Field.Company, Company, row));
        var location = ReadLocation(json, row);
        var remote = ReadRemote(json, row);
        var employment = ReadEmploymentType(json);
        var salary = ReadSalary(json, location.Country, row);

        HeaderFields? header = null;
        // Only postings without a title or company carry them in a header line (the HN style); looking for one in
        // every description would find noise and cost time.
        if (_mapping.InferHeader && hasDescription && (title is null || company is null))
            header = HeaderInference.Infer(description);
        if (header is not null)
        {
            title ??= TextCleaner.CleanTitle(header.Title);
            company ??= TextCleaner.CleanCompany(header.Company);
            if (location.Text is null && header.Location is not null) location = location with { Text = header.Location };
            remote ??= header.IsRemote;
            employment ??= header.EmploymentType;
            url ??= header.Url;
        }
        if (location.Text is not null && location is { City: null, Region: null, Country: null })
        {
            var parsed = scratch.Places.Get(location.Text);
            location = location with { City = parsed.City, Region = parsed.Region, Country = parsed.Country };
        }
        // Salaries are read after the location: the country decides what "$" means.
        if (salary is null && header?.SalaryText is { } headerSalary && SalaryParser.TryParse(headerSalary, location.Country, out var hs))
            salary = SalaryFields.From(hs);
        remote ??= RemoteDetector.Detect(title) ?? RemoteDetector.Detect(location.Text);
        if (salary is null && _mapping.SalaryFromDescription && hasDescription && SalaryParser.TryParse(description, location.Country, out var ds))
            salary = SalaryFields.From(ds);

        row.SetString(Url, url);
        row.SetString(Title, title);
        row.SetString(Company, company);
        row.SetString(LocationText, location.Text);
        row.SetString(City, location.City);
        row.SetString(Region, location.Region);
        row.SetString(JobColumns.Country, location.Country);
        row.SetBoolean(IsRemote, remote);
        row.SetString(EmploymentType, employment);
        if (salary is { } s)
        {
            row.SetDouble(SalaryMin, s.Min);
            row.SetDouble(SalaryMax, s.Max);
            row.SetString(SalaryCurrency, s.Currency);
            row.SetString(SalaryPeriod, s.Period);
            row.SetDouble(SalaryAnnualMin, s.AnnualMin);
            row.SetDouble(SalaryAnnualMax, s.AnnualMax);
        }
        if (hasDescription)
        {
            row.SetString(DescriptionText, description);
            row.SetInt32(DescriptionChars, description.Length);
            row.SetInt32(DescriptionWords, TextStats.CountWords(description));
        }
        else
        {
            row.SetString(DescriptionText, null);
            row.SetInt32(DescriptionChars, null);
            row.SetInt32(DescriptionWords, null);
        }
        row.SetString(Language, ReadLanguage(json));
        row.SetTimestamp(PostedAt, ReadTimestamp(json, Field.PostedAt, PostedAt, row));
        row.SetTimestamp(UpdatedAt, ReadTimestamp(json, Field.UpdatedAt, UpdatedAt, row));

        scratch.Indices.Clear();
        scratch.Values.Clear();
        scratch.Hasher.Transform(title, description, scratch.Indices, scratch.Values);
        row.SetInt32List(TextHashIdx, scratch.Indices.Span);
        row.SetFloatList(TextHashVal, scratch.Values.Span);
        scratch.ShrinkAfterHuge();
    }

    public bool TryReadVersion(ReadOnlySpan<byte> utf8Json, out RecordVersion version)
    {
        version = default;
        switch (_versions?.TryRead(utf8Json, out version))
        {
            case TopLevelVersionReader.Outcome.Found: return true;
            case TopLevelVersionReader.Outcome.NoKey or TopLevelVersionReader.Outcome.NotAnObject: return false;
        }
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 128 });
        JsonDocument doc;
        try
        {
            doc = JsonDocument.ParseValue(ref reader);
            if (reader.Read()) return false; // more after the value: not one JSON object
        }
        catch (JsonException)
        {
            return false;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            var json = Read(doc.RootElement, t_scratch ??= new Scratch());
            var id = Text(json, Field.Id);
            if (string.IsNullOrWhiteSpace(id)) return false;
            version = new RecordVersion(id.Trim(), ReadTimestamp(json, Field.UpdatedAt, UpdatedAt, null), ReadTimestamp(json, Field.PostedAt, PostedAt, null));
            return true;
        }
    }

    // --- fields -------------------------------------------------------------------------------------------

    private string? Text(Record json, Field field)
    {
        foreach (var path in Mapped(field))
            if (json.TryFind(path, IsText, out var e))
                return e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText();
        return null;
    }

    /// <summary>Like <see cref="Text"/>, but a value of the wrong type (a number list, an object where text is wanted) is counted.</summary>
    private string? FieldText(Record json, Field field, int column, IRowWriter row)
    {
        var text = Text(json, field);
        if (text is null && Present(json, field, out var e) && !(HasObjectAlternative(field) && e.ValueKind == JsonValueKind.Object))
            row.FieldError(column, $"{FieldNames[(int)field]} is {e.ValueKind}");
        return text;
    }

    /// <summary>
    /// The mapped description as plain text in <see cref="Scratch.Plain"/>; false when there is none or nothing is left
    /// of it (as <see cref="FieldText"/> and <see cref="HtmlText.ToPlainText"/> would give, wrong types counted).
    /// </summary>
    private bool ReadDescription(Record json, IRowWriter row, Scratch scratch, out int length)
    {
        length = 0;
        if (!FindText(json, Field.Description, out var e))
        {
            CountWrongType(json, Field.Description, DescriptionText, row);
            return false;
        }
        int htmlLength;
        if (e.ValueKind == JsonValueKind.String)
        {
            scratch.EnsureHtml(JsonMarshal.GetRawUtf8Value(e).Length);
            htmlLength = JsonStringDecoder.Decode(e, scratch.Html);
        }
        else
        {
            var text = e.GetRawText();
            scratch.EnsureHtml(text.Length);
            text.CopyTo(scratch.Html);
            htmlLength = text.Length;
        }
        if (htmlLength == 0) return false;
        length = HtmlText.Convert(scratch.Html.AsSpan(0, htmlLength), inline: false, ref scratch.Plain);
        return length > 0 && !scratch.Plain.AsSpan(0, length).IsWhiteSpace();
    }

    private bool FindText(Record json, Field field, out JsonElement found)
    {
        foreach (var path in Mapped(field))
            if (json.TryFind(path, IsText, out found))
                return true;
        found = default;
        return false;
    }

    /// <summary>A field that has a value, but not text where text is wanted, is counted.</summary>
    private void CountWrongType(Record json, Field field, int column, IRowWriter row)
    {
        if (Present(json, field, out var e) && !(HasObjectAlternative(field) && e.ValueKind == JsonValueKind.Object))
            row.FieldError(column, $"{FieldNames[(int)field]} is {e.ValueKind}");
    }

    private string? InlineText(Record json, Field field, int column, IRowWriter row)
    {
        var t = FieldText(json, field, column, row);
        return t is null ? null : HtmlText.ToInlineText(t);
    }

    // Company and location may legitimately be objects; their readers handle that.
    private static bool HasObjectAlternative(Field field) => field is Field.Company or Field.Location or Field.Salary;

    private bool Present(Record json, Field field, out JsonElement found)
    {
        foreach (var path in Mapped(field))
            if (json.TryFind(path, IsPresent, out found))
                return true;
        found = default;
        return false;
    }

    private LocationFields ReadLocation(Record json, IRowWriter row)
    {
        string? text = null, city = Text(json, Field.City), region = Text(json, Field.Region), country = null;
        var countryText = Text(json, Field.Country);
        foreach (var path in Mapped(Field.Location))
        {
            if (json.TryFind(path, IsText, out var s))
            {
                text = s.ValueKind == JsonValueKind.String ? s.GetString() : s.GetRawText();
                break;
            }
            if (json.TryFind(path, IsObject, out var o))
            {
                city ??= Prop(o, "city", "addressLocality", "locality", "town");
                region ??= Prop(o, "region", "addressRegion", "state", "province");
                countryText ??= Prop(o, "country", "addressCountry", "countryCode");
                if (countryText is null && o.TryGetProperty("addressCountry", out var ac) && ac.ValueKind == JsonValueKind.Object)
                    countryText = Prop(ac, "name", "identifier");
                text = JoinNonBlank(city, region, countryText);
                break;
            }
        }
        if (countryText is not null)
        {
            country = CountryNormalizer.ToIso2(countryText);
            if (country is null) row.FieldError(JobColumns.Country, "unknown country");
        }
        text = text is null ? null : HtmlText.ToInlineText(text);
        city = city is null ? null : HtmlText.ToInlineText(city);
        region = region is null ? null : HtmlText.ToInlineText(region);
        return new LocationFields(NullIfEmpty(text), city, region, country);
    }

    /// <summary>The parts that are not blank, joined with ", " ("" when none): what string.Join over a filtered list gives.</summary>
    private static string JoinNonBlank(string? a, string? b, string? c)
    {
        string? x = null, y = null, z = null;
        var n = 0;
        foreach (var part in (ReadOnlySpan<string?>)[a, b, c])
        {
            if (string.IsNullOrWhiteSpace(part)) continue;
            if (n == 0) x = part;
            else if (n == 1) y = part;
            else z = part;
            n++;
        }
        return n switch
        {
            0 => "",
            1 => x!,
            2 => string.Concat(x, ", ", y),
            _ => string.Concat(x, ", ", y, ", ", z),
        };
    }

    private bool? ReadRemote(Record json, IRowWriter row)
    {
        foreach (var path in Mapped(Field.Remote))
        {
            if (!json.TryFind(path, IsPresent, out var e)) continue;
            switch (e.ValueKind)
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String:
                    var s = e.GetString()!.Trim();
                    if (s.Length == 0) continue;
                    if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase) ||
                        s.Equals("y", StringComparison.OrdinalIgnoreCase) || s.Equals("TELECOMMUTE", StringComparison.OrdinalIgnoreCase))
                        return true;
                    if (s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase) ||
                        s.Equals("n", StringComparison.OrdinalIgnoreCase))
                        return false;
                    if (RemoteDetector.Detect(s) is { } detected) return detected;
                    row.FieldError(IsRemote, "remote is not a flag");
                    return null;
                default:
                    row.FieldError(IsRemote, $"remote is {e.ValueKind}");
                    return null;
            }
        }
        return null;
    }

    private string? ReadEmploymentType(Record json)
    {
        var raw = Text(json, Field.EmploymentType);
        return raw is null ? null : EmploymentTypeNormalizer.Normalize(raw);
    }

    private SalaryFields? ReadSalary(Record json, string? country, IRowWriter row)
    {
        SalaryFields? salary = null;
        foreach (var path in Mapped(Field.Salary))
        {
            if (!json.TryFind(path, IsPresent, out var e)) continue;
            salary = e.ValueKind switch
            {
                JsonValueKind.String => SalaryParser.TryParse(e.GetString(), country, out var s) ? SalaryFields.From(s) : null,
                JsonValueKind.Number => SalaryFields.Of(e.GetDouble(), e.GetDouble(), null, null),
                JsonValueKind.Object => FromObject(e),
                _ => null,
            };
            if (salary is null && e.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
                row.FieldError(SalaryMin, $"salary is {e.ValueKind}");
            if (salary is not null) break;
        }
        // Explicit fields refine or replace what a salary text gave.
        var min = Number(json, Field.SalaryMin);
        var max = Number(json, Field.SalaryMax);
        var currency = Text(json, Field.SalaryCurrency);
        var period = Text(json, Field.SalaryPeriod);
        if (min is not null || max is not null)
            salary = SalaryFields.Of(min ?? max!.Value, max ?? min!.Value, currency ?? salary?.Currency, period ?? salary?.Period);
        else if (salary is { } s && (currency is not null || period is not null))
            salary = SalaryFields.Of(s.Min, s.Max, currency ?? s.Currency, period ?? s.Period);
        return salary;

        static SalaryFields? FromObject(JsonElement o)
        {
            var currency = Prop(o, "currency", "currencyCode", "salaryCurrency");
            var period = Prop(o, "period", "unitText", "unit", "interval");
            var min = Num(o, "min", "minValue", "minimum", "from");
            var max = Num(o, "max", "maxValue", "maximum", "to");
            if (o.TryGetProperty("value", out var v))
            {
                if (v.ValueKind == JsonValueKind.Object)
                {
                    min ??= Num(v, "minValue", "min", "value");
                    max ??= Num(v, "maxValue", "max", "value");
                    period ??= Prop(v, "unitText", "unit", "period");
                }
                else if (Num(o, "value") is { } single)
                {
                    min ??= single;
                    max ??= single;
                }
            }
            if (min is null && max is null) return null;
            return SalaryFields.Of(min ?? max!.Value, max ?? min!.Value, currency, period);
        }
    }

    private double? Number(Record json, Field field)
    {
        foreach (var path in Mapped(field))
            if (json.TryFind(path, IsText, out var e))
            {
                if (e.ValueKind == JsonValueKind.Number) return e.GetDouble();
                if (double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            }
        return null;
    }

    private DateTime? ReadTimestamp(Record json, Field field, int column, IRowWriter? row)
    {
        foreach (var path in Mapped(field))
        {
            if (!json.TryFind(path, IsPresent, out var e)) continue;
            switch (e.ValueKind)
            {
                case JsonValueKind.Number when TimestampParser.TryFromUnix(e.GetDouble(), out var fromNumber):
                    return fromNumber;
                case JsonValueKind.String when TimestampParser.TryParse(e.GetString(), out var fromText):
                    return fromText;
                case JsonValueKind.String when e.ValueEquals(ReadOnlySpan<byte>.Empty):
                    continue;
            }
            row?.FieldError(column, $"{FieldNames[(int)field]} is not a timestamp");
            return null;
        }
        return null;
    }

    private string? ReadLanguage(Record json)
    {
        var raw = Text(json, Field.Language)?.Trim();
        if (raw is null || raw.Length < 2) return null;
        var code = raw.Length == 2 || raw[2] is '-' or '_' ? raw[..2] : null;
        return code is not null && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]) ? code.ToLowerInvariant() : null;
    }

    private static string? Prop(JsonElement o, params ReadOnlySpan<string> names)
    {
        foreach (var n in names)
            if (o.TryGetProperty(n, out var v))
            {
                if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s) return s;
                if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
            }
        return null;
    }

    private static double? Num(JsonElement o, params ReadOnlySpan<string> names)
    {
        foreach (var n in names)
            if (o.TryGetProperty(n, out var v))
            {
                if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
                if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            }
        return null;
    }

    /// <summary>The canonical inputs this extractor reads (see <see cref="FieldMapping.CanonicalFields"/>), by index.</summary>
    private enum Field { Id, Source, Url, Title, Company, Location, City, Region, Country, Remote, EmploymentType, Salary, SalaryMin, SalaryMax, SalaryCurrency, SalaryPeriod, Description, Language, PostedAt, UpdatedAt }

    private static readonly string[] FieldNames = ["id", "source", "url", "title", "company", "location", "city", "region", "country", "remote", "employment_type", "salary", "salary_min", "salary_max", "salary_currency", "salary_period", "description", "language", "posted_at", "updated_at"];

    private MappedPath[] Mapped(Field field) => _mapped[(int)field];

    private Record Read(JsonElement root, Scratch scratch)
    {
        if (scratch.TopLevel.Length < _names.Count) scratch.TopLevel = new JsonElement[_names.Count];
        _names.Read(root, scratch.TopLevel);
        return new Record(root, scratch.TopLevel);
    }

    private readonly record struct MappedPath(JsonPath Path, int Slot);

    /// <summary>A record with its values for the mapping's top-level names (<see cref="TopLevelNames.Read"/>).</summary>
    private readonly ref struct Record(JsonElement root, ReadOnlySpan<JsonElement> topLevel)
    {
        private readonly ReadOnlySpan<JsonElement> _topLevel = topLevel;

        public bool TryFind(MappedPath path, Func<JsonElement, bool> accept, out JsonElement found)
        {
            if (path.Slot < 0) return path.Path.TryFind(root, accept, out found);
            var value = _topLevel[path.Slot];
            if (value.ValueKind != JsonValueKind.Undefined) return path.Path.TryFindUnder(value, accept, out found);
            found = default;
            return false;
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private readonly record struct LocationFields(string? Text, string? City, string? Region, string? Country);

    private sealed class Scratch
    {
        public readonly SklearnHashingVectorizer Hasher = new();
        public readonly ValueBuffer<int> Indices = new(1024);
        public readonly ValueBuffer<float> Values = new(1024);
        /// <summary>The record's values for the mapping's top-level names.</summary>
        public JsonElement[] TopLevel = new JsonElement[32];
        /// <summary>Parsing a place costs about 1.5 µs, and a day's postings name the same places over and over.</summary>
        public readonly StringMemo<ParsedLocation> Places = new(text => LocationParser.Parse(text));
        /// <summary>The description as unescaped HTML.</summary>
        public char[] Html = new char[8192];
        /// <summary>The description as plain text; pooled, because HtmlText.Convert may swap it for a larger pooled one.</summary>
        public char[] Plain = ArrayPool<char>.Shared.Rent(8192);

        /// <summary>A rare huge description (up to the line limit) should not keep its buffers alive on every thread.</summary>
        public void ShrinkAfterHuge()
        {
            const int Keep = 1 << 20;
            if (Html.Length > Keep) Html = new char[8192];
            if (Plain.Length > Keep)
            {
                ArrayPool<char>.Shared.Return(Plain);
                Plain = ArrayPool<char>.Shared.Rent(8192);
            }
        }

        /// <summary>Makes room for a description of <paramref name="utf8Length"/> bytes (never more UTF-16 units) and its plain text.</summary>
        public void EnsureHtml(int utf8Length)
        {
            if (Html.Length < utf8Length) Html = new char[Math.Max(utf8Length, Html.Length * 2)];
            if (Plain.Length < utf8Length + 16)
            {
                ArrayPool<char>.Shared.Return(Plain);
                Plain = ArrayPool<char>.Shared.Rent(utf8Length + 16);
            }
        }
    }
}

/// <summary>A salary as stored: amounts, ISO currency, period, and the amounts per year.</summary>
internal readonly record struct SalaryFields(double Min, double Max, string? Currency, string? Period, double? AnnualMin, double? AnnualMax)
{
    public static SalaryFields From(Salary s) => new(s.Min, s.Max, s.Currency, s.Period, s.AnnualMin, s.AnnualMax);

    public static SalaryFields Of(double min, double max, string? currency, string? period)
    {
        if (max < min) (min, max) = (max, min);
        var p = SalaryParser.PeriodFromUnit(period) ?? (min >= 10_000 ? "year" : null);
        var cur = currency?.Trim().ToUpperInvariant() is { Length: 3 } c ? c : CurrencyFromSymbol(currency);
        double? factor = p switch { "hour" => 2080, "day" => 260, "week" => 52, "month" => 12, "year" => 1, _ => null };
        return new SalaryFields(min, max, cur, p, min * factor, max * factor);
    }

    private static string? CurrencyFromSymbol(string? s) => s?.Trim() switch
    {
        "$" => "USD", "£" => "GBP", "€" => "EUR", "¥" => "JPY", "₹" => "INR",
        _ => null,
    };
}
