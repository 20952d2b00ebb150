using System.Text;
using System.Text.Json;
using AkkaEtl.Features.Mapping;
using AkkaEtl.Features.Normalization;

namespace AkkaEtl.Features;

/// <summary>
/// Reads a record's key and version from its top-level properties (<see cref="TopLevelProperties"/>: values it does
/// not want are skipped without being validated), and stops once what it has found can no longer change: no document
/// is built. It gives what <see cref="JsonPath.TryFind"/> would on a parsed document for
/// paths that start with a property name, and says when it cannot (a wanted property holding an object or a list):
/// the caller then parses the document. The line is not validated: a version read from a line that extraction rejects
/// only costs compaction a small rewrite (see <see cref="IRecordVersionReader"/>).
/// </summary>
public sealed class TopLevelVersionReader
{
    public enum Outcome { Found, NoKey, NotAnObject, NeedsDocument }

    private readonly TopLevelNames _names; // the first names of every path
    private readonly int[][] _names0;      // per field (id, updated_at, posted_at), per path: the slot of its first name
    private readonly bool[][] _nested;     // per field, per path: more than one segment (nothing under a primitive)
    [ThreadStatic] private static Value[]? t_values;

    private TopLevelVersionReader(JsonPath[][] fields)
    {
        _names = new TopLevelNames(fields.SelectMany(paths => paths));
        _names0 = fields.Select(paths => paths.Select(_names.SlotOf).ToArray()).ToArray();
        _nested = fields.Select(paths => paths.Select(p => !p.IsTopLevelName).ToArray()).ToArray();
    }

    /// <summary>Null when some path does not start with a property name (then every record needs its document).</summary>
    public static TopLevelVersionReader? For(JsonPath[] id, JsonPath[] updated, JsonPath[] posted) =>
        id.Concat(updated).Concat(posted).All(p => p.FirstName is not null) ? new TopLevelVersionReader([id, updated, posted]) : null;

    public Outcome TryRead(ReadOnlySpan<byte> utf8, out RecordVersion version)
    {
        version = default;
        var values = t_values is { } v && v.Length >= _names.Count ? v : t_values = new Value[_names.Count];
        Array.Clear(values, 0, _names.Count);
        var properties = new TopLevelProperties(utf8);
        while (properties.MoveNext())
        {
            var wanted = properties.SlotOfName(_names);
            if (wanted < 0) continue;
            // A later duplicate wins, as in JsonDocument's property lookup.
            values[wanted] = properties.Value[0] switch
            {
                (byte)'"' => new Value(JsonValueKind.String, properties.StringValue()),
                (byte)'-' or (>= (byte)'0' and <= (byte)'9') => new Value(JsonValueKind.Number, Encoding.UTF8.GetString(properties.Value)),
                (byte)'t' => new Value(JsonValueKind.True, null),
                (byte)'f' => new Value(JsonValueKind.False, null),
                (byte)'n' => new Value(JsonValueKind.Null, null),
                _ => default,
            };
            if (values[wanted].Kind == JsonValueKind.Undefined) return Outcome.NeedsDocument;
            if (Decided(values)) break;
        }
        if (properties.Malformed) return Outcome.NotAnObject;

        if (Key(values) is not { } key) return Outcome.NoKey;
        version = new RecordVersion(key, Time(values, 1), Time(values, 2));
        return Outcome.Found;
    }

    /// <summary>
    /// True when no property still to come can change the outcome: for each field, every path up to the first with a
    /// deciding value has been seen (a property may repeat, the last winning, which this ignores).
    /// </summary>
    private bool Decided(Value[] values)
    {
        for (var field = 0; field < _names0.Length; field++)
            for (var p = 0; p < _names0[field].Length; p++)
            {
                var value = values[_names0[field][p]];
                if (value.Kind == JsonValueKind.Undefined) return false;
                if (_nested[field][p]) continue;
                if (field == 0 ? IsText(value) : value.Kind != JsonValueKind.Null && value is not { Kind: JsonValueKind.String, Text.Length: 0 }) break;
            }
        return true;
    }

    private static bool IsText(Value value) => value.Kind == JsonValueKind.Number || value is { Kind: JsonValueKind.String, Text.Length: > 0 };

    /// <summary>The first path's value that is text (a non-empty string or a number), trimmed; null when blank.</summary>
    private string? Key(Value[] values)
    {
        for (var p = 0; p < _names0[0].Length; p++)
        {
            var value = values[_names0[0][p]];
            if (!_nested[0][p] && IsText(value)) return string.IsNullOrWhiteSpace(value.Text) ? null : value.Text.Trim();
        }
        return null;
    }

    /// <summary>The first path with a value decides: a timestamp, an empty string (skipped), or anything else (none).</summary>
    private DateTime? Time(Value[] values, int field)
    {
        for (var p = 0; p < _names0[field].Length; p++)
        {
            if (_nested[field][p]) continue;
            var value = values[_names0[field][p]];
            switch (value.Kind)
            {
                case JsonValueKind.Undefined or JsonValueKind.Null:
                    continue;
                case JsonValueKind.Number when double.TryParse(value.Text, System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var n) && TimestampParser.TryFromUnix(n, out var fromNumber):
                    return fromNumber;
                case JsonValueKind.String when TimestampParser.TryParse(value.Text, out var fromText):
                    return fromText;
                case JsonValueKind.String when value.Text!.Length == 0:
                    continue;
            }
            return null;
        }
        return null;
    }

    private readonly record struct Value(JsonValueKind Kind, string? Text);
}
