using System.Text;
using System.Text.Json;

namespace AkkaEtl.Features.Mapping;

/// <summary>
/// The JSON path subset mappings use: <c>$</c>, then <c>.name</c>, <c>['name']</c>, <c>[*]</c> or <c>[N]</c>.
/// Parsed once at start (a bad path is an error then, not per record); evaluation allocates nothing.
/// </summary>
public sealed class JsonPath
{
    private readonly Segment[] _segments;

    private JsonPath(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>The UTF-8 name of the top-level property the path starts with, or null when it starts otherwise.</summary>
    public byte[]? FirstName => _segments is [{ Kind: SegmentKind.Property } first, ..] ? first.NameUtf8 : null;

    /// <summary>True for a path that is one top-level property (<c>$.name</c>).</summary>
    public bool IsTopLevelName => _segments is [{ Kind: SegmentKind.Property }];

    /// <summary>
    /// The first value along the path that <paramref name="accept"/> takes. Wildcards try every element in order; a
    /// list found at the end of the path is tried element by element too, so a field that is a string in one record
    /// and a list in the next reads the same.
    /// </summary>
    public bool TryFind(JsonElement root, Func<JsonElement, bool> accept, out JsonElement found) =>
        Walk(root, 0, accept, out found);

    /// <summary>
    /// <see cref="TryFind"/> on an object whose property <see cref="FirstName"/> was already found: from that
    /// property's <paramref name="value"/> on.
    /// </summary>
    public bool TryFindUnder(JsonElement value, Func<JsonElement, bool> accept, out JsonElement found) =>
        Walk(value, 1, accept, out found);

    private bool Walk(JsonElement current, int index, Func<JsonElement, bool> accept, out JsonElement found)
    {
        if (index == _segments.Length)
        {
            if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in current.EnumerateArray())
                    if (item.ValueKind != JsonValueKind.Array && accept(item))
                    {
                        found = item;
                        return true;
                    }
            }
            if (accept(current))
            {
                found = current;
                return true;
            }
            found = default;
            return false;
        }
        var seg = _segments[index];
        switch (seg.Kind)
        {
            case SegmentKind.Property:
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(seg.NameUtf8, out var child))
                    return Walk(child, index + 1, accept, out found);
                if (current.ValueKind == JsonValueKind.Array)
                {
                    // A property of a list means the property of its elements: jobLocation.address works for one location or many.
                    foreach (var item in current.EnumerateArray())
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(seg.NameUtf8, out var c) && Walk(c, index + 1, accept, out found))
                            return true;
                }
                break;
            case SegmentKind.Wildcard:
                if (current.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in current.EnumerateArray())
                        if (Walk(item, index + 1, accept, out found)) return true;
                }
                else if (current.ValueKind == JsonValueKind.Object)
                {
                    // [*] on a single object (a list in one record, an object in the next) means that object.
                    return Walk(current, index + 1, accept, out found);
                }
                break;
            case SegmentKind.Index:
                if (current.ValueKind == JsonValueKind.Array && seg.Index < current.GetArrayLength())
                    return Walk(current[seg.Index], index + 1, accept, out found);
                if (current.ValueKind == JsonValueKind.Object && seg.Index == 0)
                    return Walk(current, index + 1, accept, out found);
                break;
        }
        found = default;
        return false;
    }

    public static JsonPath Parse(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith('$')) throw new FormatException($"JSON path '{text}' must start with '$'");
        var segments = new List<Segment>();
        var i = 1;
        while (i < t.Length)
        {
            if (t[i] == '.')
            {
                var start = ++i;
                while (i < t.Length && (char.IsLetterOrDigit(t[i]) || t[i] is '_' or '-' or '@' or '$')) i++;
                if (i == start) throw new FormatException($"JSON path '{text}': a name is expected at position {start}");
                segments.Add(Segment.Property(t[start..i]));
            }
            else if (t[i] == '[')
            {
                var close = t.IndexOf(']', i);
                if (close < 0) throw new FormatException($"JSON path '{text}': '[' at position {i} is not closed");
                var inner = t[(i + 1)..close].Trim();
                if (inner == "*") segments.Add(Segment.Wildcard);
                else if (inner.Length >= 2 && (inner[0] is '\'' or '"') && inner[^1] == inner[0]) segments.Add(Segment.Property(inner[1..^1]));
                else if (int.TryParse(inner, out var n) && n >= 0) segments.Add(Segment.At(n));
                else throw new FormatException($"JSON path '{text}': '[{inner}]' is not supported (use [*], [N] or ['name'])");
                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{text}': unexpected '{t[i]}' at position {i} (filters, slices and '..' are not supported)");
            }
        }
        return new JsonPath(t, segments.ToArray());
    }

    private enum SegmentKind { Property, Wildcard, Index }

    private readonly record struct Segment(SegmentKind Kind, byte[] NameUtf8, int Index)
    {
        public static Segment Property(string name) => new(SegmentKind.Property, Encoding.UTF8.GetBytes(name), 0);
        public static readonly Segment Wildcard = new(SegmentKind.Wildcard, [], 0);
        public static Segment At(int index) => new(SegmentKind.Index, [], index);
    }
}
